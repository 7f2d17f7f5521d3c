//! Every type, enum and tagged union of the protocol's wire format (docs/protocol.md §9), with serde shapes
//! byte-for-byte compatible with the official core: camelCase members, `type` + `parameters` /
//! `content` / `message` unions, bytes as arrays of u8 (base64 accepted), UTC `Z` timestamps with six
//! fractional digits, open enums and preserved unknown members where users send data back.

mod batch;
mod bytes;
mod details;
mod enums;
mod environment;
mod error_name;
mod error_reason;
mod item;
mod open_enum;
mod share;
mod timestamp;
mod unknown;
mod vault;

pub use batch::{
    ItemUpdateFailureReason, ItemsDeleteAllResponse, ItemsGetAllError, ItemsGetAllResponse,
    ItemsUpdateAllResponse, ResolveAllResponse, ResolveReferenceError, ResolvedReference, Response,
};
pub use bytes::Bytes;
pub use details::{AddressFieldDetails, ItemFieldDetails, OtpFieldDetails, SshKeyAttributes};
pub use enums::{
    AllowedRecipientType, AllowedType, AutofillBehavior, GroupState, GroupType, ItemCategory,
    ItemFieldType, ItemShareDuration, ItemState, VaultAccessorType, VaultType,
};
pub use environment::{EnvironmentVariable, GetVariablesResponse};
pub use error_name::{ErrorEnvelope, ErrorName, INVALID_USER_INPUT_PREFIX, invalid_user_input};
pub use error_reason::ErrorReason;
pub use item::{
    DocumentCreateParams, FileAttributes, FileCreateParams, Item, ItemCreateParams, ItemField,
    ItemFile, ItemListFilter, ItemListFilterByStateInner, ItemOverview, ItemSection, Website,
};
pub use share::{
    ItemShareAccountPolicy, ItemShareFiles, ItemShareParams, ValidRecipient,
    ValidRecipientDomainInner, ValidRecipientEmailInner,
};
pub use timestamp::Timestamp;
pub use unknown::UnknownFields;
pub use vault::{
    Group, GroupAccess, GroupGetParams, GroupVaultAccess, Vault, VaultAccess, VaultCreateParams,
    VaultGetParams, VaultListParams, VaultOverview, VaultUpdateParams, permissions,
};

// The recipe types live beside the generator that interprets them; they are wire types all the same.
pub use crate::generator::{
    GeneratePasswordResponse, PasswordRecipe, PasswordRecipeMemorableInner, PasswordRecipePinInner,
    PasswordRecipeRandomInner, SeparatorType, WordListType,
};
