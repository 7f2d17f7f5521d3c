"""Every type of the protocol (§9), with the class, member and attribute names of the official
package's `onepassword.types`. Models are dataclasses: attributes are snake_case, constructors also
accept the camelCase wire names, and `model_dump`/`model_validate` work as with pydantic.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Dict, Generic, List, Literal, Optional, TypeVar, Union

from ._model import Model, model, union

E = TypeVar("E")
T = TypeVar("T")

ErrorMessage = str


class GroupType(str, Enum):
    """Kind of a group."""

    OWNERS = "owners"
    ADMINISTRATORS = "administrators"
    RECOVERY = "recovery"
    EXTERNALACCOUNTMANAGERS = "externalAccountManagers"
    TEAMMEMBERS = "teamMembers"
    USERDEFINED = "userDefined"
    UNSUPPORTED = "unsupported"


class GroupState(str, Enum):
    """State of a group."""

    ACTIVE = "active"
    DELETED = "deleted"
    UNSUPPORTED = "unsupported"


class VaultAccessorType(str, Enum):
    """Who holds a vault access entry."""

    USER = "user"
    GROUP = "group"


class ItemCategory(str, Enum):
    """An item's category."""

    LOGIN = "Login"
    SECURENOTE = "SecureNote"
    CREDITCARD = "CreditCard"
    CRYPTOWALLET = "CryptoWallet"
    IDENTITY = "Identity"
    PASSWORD = "Password"
    DOCUMENT = "Document"
    APICREDENTIALS = "ApiCredentials"
    BANKACCOUNT = "BankAccount"
    DATABASE = "Database"
    DRIVERLICENSE = "DriverLicense"
    EMAIL = "Email"
    MEDICALRECORD = "MedicalRecord"
    MEMBERSHIP = "Membership"
    OUTDOORLICENSE = "OutdoorLicense"
    PASSPORT = "Passport"
    REWARDS = "Rewards"
    ROUTER = "Router"
    SERVER = "Server"
    SSHKEY = "SshKey"
    SOCIALSECURITYNUMBER = "SocialSecurityNumber"
    SOFTWARELICENSE = "SoftwareLicense"
    PERSON = "Person"
    UNSUPPORTED = "Unsupported"


class ItemFieldType(str, Enum):
    """A field's type."""

    TEXT = "Text"
    CONCEALED = "Concealed"
    CREDITCARDTYPE = "CreditCardType"
    CREDITCARDNUMBER = "CreditCardNumber"
    PHONE = "Phone"
    URL = "Url"
    TOTP = "Totp"
    EMAIL = "Email"
    REFERENCE = "Reference"
    SSHKEY = "SshKey"
    MENU = "Menu"
    MONTHYEAR = "MonthYear"
    ADDRESS = "Address"
    DATE = "Date"
    UNSUPPORTED = "Unsupported"


class AutofillBehavior(str, Enum):
    """How a website autofills."""

    ANYWHEREONWEBSITE = "AnywhereOnWebsite"
    EXACTDOMAIN = "ExactDomain"
    NEVER = "Never"


class ItemState(str, Enum):
    """Whether an item is active or archived."""

    ACTIVE = "active"
    ARCHIVED = "archived"


class ItemShareDuration(str, Enum):
    """How long a share link lives."""

    ONEHOUR = "OneHour"
    ONEDAY = "OneDay"
    SEVENDAYS = "SevenDays"
    FOURTEENDAYS = "FourteenDays"
    THIRTYDAYS = "ThirtyDays"


class AllowedType(str, Enum):
    """Who a share may reach."""

    AUTHENTICATED = "Authenticated"
    PUBLIC = "Public"


class AllowedRecipientType(str, Enum):
    """Kinds of share recipients."""

    EMAIL = "Email"
    DOMAIN = "Domain"


class VaultType(str, Enum):
    """Kind of a vault."""

    PERSONAL = "personal"
    EVERYONE = "everyone"
    TRANSFER = "transfer"
    USERCREATED = "userCreated"
    UNSUPPORTED = "unsupported"


class SeparatorType(str, Enum):
    """What separates the words of a memorable password."""

    DIGITS = "digits"
    DIGITSANDSYMBOLS = "digitsAndSymbols"
    SPACES = "spaces"
    HYPHENS = "hyphens"
    UNDERSCORES = "underscores"
    PERIODS = "periods"
    COMMAS = "commas"


class WordListType(str, Enum):
    """Where the words of a memorable password come from."""

    FULLWORDS = "fullWords"
    SYLLABLES = "syllables"
    THREELETTERS = "threeLetters"


class ItemFieldDetailsTypes(str, Enum):
    """Tags of the `ItemFieldDetails` union."""

    OTP = "Otp"
    SSH_KEY = "SshKey"
    ADDRESS = "Address"


class ValidRecipientTypes(str, Enum):
    """Tags of the `ValidRecipient` union."""

    EMAIL = "Email"
    DOMAIN = "Domain"


class ItemUpdateFailureReasonTypes(str, Enum):
    """Tags of the `ItemUpdateFailureReason` union."""

    ITEM_VALIDATION_ERROR = "itemValidationError"
    ITEM_STATUS_PERMISSION_ERROR = "itemStatusPermissionError"
    ITEM_STATUS_INCORRECT_ITEM_VERSION = "itemStatusIncorrectItemVersion"
    ITEM_STATUS_FILE_NOT_FOUND = "itemStatusFileNotFound"
    ITEM_STATUS_TOO_BIG = "itemStatusTooBig"
    ITEM_NOT_FOUND = "itemNotFound"
    INTERNAL = "internal"


class ItemsGetAllErrorTypes(str, Enum):
    """Tags of the `ItemsGetAllError` union."""

    ITEM_NOT_FOUND = "itemNotFound"
    INTERNAL = "internal"


class ResolveReferenceErrorTypes(str, Enum):
    """Tags of the `ResolveReferenceError` union."""

    PARSING = "parsing"
    FIELD_NOT_FOUND = "fieldNotFound"
    VAULT_NOT_FOUND = "vaultNotFound"
    TOO_MANY_VAULTS = "tooManyVaults"
    ITEM_NOT_FOUND = "itemNotFound"
    TOO_MANY_ITEMS = "tooManyItems"
    TOO_MANY_MATCHING_FIELDS = "tooManyMatchingFields"
    NO_MATCHING_SECTIONS = "noMatchingSections"
    INCOMPATIBLE_TOTP_QUERY_PARAMETER_FIELD = "incompatibleTOTPQueryParameterField"
    UNABLE_TO_GENERATE_TOTP_CODE = "unableToGenerateTotpCode"
    S_SH_KEY_METADATA_NOT_FOUND = "sSHKeyMetadataNotFound"
    UNSUPPORTED_FILE_FORMAT = "unsupportedFileFormat"
    INCOMPATIBLE_SSH_KEY_QUERY_PARAMETER_FIELD = "incompatibleSshKeyQueryParameterField"
    UNABLE_TO_PARSE_PRIVATE_KEY = "unableToParsePrivateKey"
    UNABLE_TO_FORMAT_PRIVATE_KEY_TO_OPEN_SSH = "unableToFormatPrivateKeyToOpenSsh"
    OTHER = "other"


class ItemListFilterTypes(str, Enum):
    """Tags of the `ItemListFilter` union."""

    BY_STATE = "ByState"


class PasswordRecipeTypes(str, Enum):
    """Tags of the `PasswordRecipe` union."""

    MEMORABLE = "Memorable"
    PIN = "Pin"
    RANDOM = "Random"


@model
class AddressFieldDetails(Model):
    """Parts of an address field."""

    street: str
    city: str
    country: str
    zip: str
    state: str


@model
class DocumentCreateParams(Model):
    """A document to store in a Document item."""

    name: str
    content: bytes


@model
class EnvironmentVariable(Model):
    """One variable of an Environment."""

    name: str
    value: str
    masked: bool


@model
class FileAttributes(Model):
    """A stored file."""

    name: str
    id: str
    size: int


@model
class FileCreateParams(Model):
    """A file to attach to an item."""

    name: str
    content: bytes
    section_id: str
    field_id: str


@model
class GeneratePasswordResponse(Model):
    """A generated password."""

    password: str


@model
class GetVariablesResponse(Model):
    """The variables of an Environment."""

    variables: List[EnvironmentVariable]


@model
class VaultAccess(Model):
    """One accessor's permissions on a vault."""

    vault_uuid: str
    accessor_type: VaultAccessorType
    accessor_uuid: str
    permissions: int


@model
class Group(Model):
    """A group of people."""

    id: str
    title: str
    description: str
    group_type: GroupType
    state: GroupState
    vault_access: Optional[List[VaultAccess]] = None


@model
class GroupAccess(Model):
    """A group's permissions, to grant on a vault."""

    group_id: str
    permissions: int


@model
class GroupGetParams(Model):
    """Options of `groups.get`."""

    vault_permissions: Optional[bool] = None


@model
class GroupVaultAccess(Model):
    """A group's permissions on a vault, to replace."""

    vault_id: str
    group_id: str
    permissions: int


@model
class OtpFieldDetails(Model):
    """The current one-time code of a TOTP field, or why there is none."""

    code: Optional[str] = None
    error_message: Optional[str] = None


@model
class SshKeyAttributes(Model):
    """What the core derives from an SSH private key."""

    public_key: str
    fingerprint: str
    key_type: str


@model
class ItemFieldDetailsOtp(Model):
    """The computed OTP code and other details."""

    content: OtpFieldDetails
    type: Literal[ItemFieldDetailsTypes.OTP] = ItemFieldDetailsTypes.OTP


@model
class ItemFieldDetailsSshKey(Model):
    """Computed SSH key attributes."""

    content: Optional[SshKeyAttributes] = None
    type: Literal[ItemFieldDetailsTypes.SSH_KEY] = ItemFieldDetailsTypes.SSH_KEY


@model
class ItemFieldDetailsAddress(Model):
    """Address components."""

    content: Optional[AddressFieldDetails] = None
    type: Literal[ItemFieldDetailsTypes.ADDRESS] = ItemFieldDetailsTypes.ADDRESS


ItemFieldDetails = Union[ItemFieldDetailsOtp, ItemFieldDetailsSshKey, ItemFieldDetailsAddress]
union("ItemFieldDetails", ItemFieldDetailsOtp, ItemFieldDetailsSshKey, ItemFieldDetailsAddress)


@model
class ItemField(Model):
    """A field of an item."""

    id: str
    title: str
    field_type: ItemFieldType
    value: str
    section_id: Optional[str] = None
    details: Optional[ItemFieldDetails] = None


@model
class ItemSection(Model):
    """A section grouping fields of an item."""

    id: str
    title: str


@model
class Website(Model):
    """A website an item autofills on."""

    url: str
    label: str
    autofill_behavior: AutofillBehavior


@model
class ItemFile(Model):
    """A file attached to an item."""

    attributes: FileAttributes
    section_id: str
    field_id: str


@model
class Item(Model):
    """An item."""

    id: str
    title: str
    category: ItemCategory
    vault_id: str
    fields: List[ItemField]
    sections: List[ItemSection]
    notes: str
    tags: List[str]
    websites: List[Website]
    version: int
    files: List[ItemFile]
    created_at: datetime
    updated_at: datetime
    document: Optional[FileAttributes] = None


@model
class ItemCreateParams(Model):
    """What `items.create` needs."""

    category: ItemCategory
    vault_id: str
    title: str
    fields: Optional[List[ItemField]] = None
    sections: Optional[List[ItemSection]] = None
    notes: Optional[str] = None
    tags: Optional[List[str]] = None
    websites: Optional[List[Website]] = None
    files: Optional[List[FileCreateParams]] = None
    document: Optional[DocumentCreateParams] = None


@model
class ItemOverview(Model):
    """An item as `items.list` returns it (no fields or notes)."""

    id: str
    title: str
    category: ItemCategory
    vault_id: str
    websites: List[Website]
    tags: List[str]
    created_at: datetime
    updated_at: datetime
    state: ItemState


@model
class ItemShareFiles(Model):
    """The account's rules for sharing files."""

    allowed: bool
    max_size: int
    allowed_types: Optional[List[AllowedType]] = None
    allowed_recipient_types: Optional[List[AllowedRecipientType]] = None
    max_expiry: Optional[ItemShareDuration] = None
    default_expiry: Optional[ItemShareDuration] = None
    max_views: Optional[int] = None


@model
class ItemShareAccountPolicy(Model):
    """The account's rules for sharing items."""

    max_expiry: ItemShareDuration
    default_expiry: ItemShareDuration
    allowed_types: List[AllowedType]
    allowed_recipient_types: List[AllowedRecipientType]
    files: ItemShareFiles
    max_views: Optional[int] = None


@model
class ValidRecipientEmailInner(Model):
    """An email recipient."""

    email: str


@model
class ValidRecipientDomainInner(Model):
    """A domain recipient."""

    domain: str


@model
class ValidRecipientEmail(Model):
    """A share recipient by email."""

    parameters: ValidRecipientEmailInner
    type: Literal[ValidRecipientTypes.EMAIL] = ValidRecipientTypes.EMAIL


@model
class ValidRecipientDomain(Model):
    """A share recipient by domain."""

    parameters: ValidRecipientDomainInner
    type: Literal[ValidRecipientTypes.DOMAIN] = ValidRecipientTypes.DOMAIN


ValidRecipient = Union[ValidRecipientEmail, ValidRecipientDomain]
union("ValidRecipient", ValidRecipientEmail, ValidRecipientDomain)


@model
class ItemShareParams(Model):
    """Options of a share link."""

    one_time_only: bool
    recipients: Optional[List[ValidRecipient]] = None
    expire_after: Optional[ItemShareDuration] = None


@model
class Response(Model, Generic[T, E]):
    """One result of a batch call: `content` on success, else `error`."""

    content: Optional[T] = None
    error: Optional[E] = None


@model
class ItemUpdateFailureReasonItemValidationError(Model):
    """Bad user input."""

    message: ErrorMessage
    type: Literal[ItemUpdateFailureReasonTypes.ITEM_VALIDATION_ERROR] = (
        ItemUpdateFailureReasonTypes.ITEM_VALIDATION_ERROR
    )


@model
class ItemUpdateFailureReasonItemStatusPermissionError(Model):
    """No permission to change items in the vault."""

    type: Literal[ItemUpdateFailureReasonTypes.ITEM_STATUS_PERMISSION_ERROR] = (
        ItemUpdateFailureReasonTypes.ITEM_STATUS_PERMISSION_ERROR
    )


@model
class ItemUpdateFailureReasonItemStatusIncorrectItemVersion(Model):
    """The item changed since it was read (version conflict)."""

    type: Literal[ItemUpdateFailureReasonTypes.ITEM_STATUS_INCORRECT_ITEM_VERSION] = (
        ItemUpdateFailureReasonTypes.ITEM_STATUS_INCORRECT_ITEM_VERSION
    )


@model
class ItemUpdateFailureReasonItemStatusFileNotFound(Model):
    """A file reference matched no known file."""

    type: Literal[ItemUpdateFailureReasonTypes.ITEM_STATUS_FILE_NOT_FOUND] = (
        ItemUpdateFailureReasonTypes.ITEM_STATUS_FILE_NOT_FOUND
    )


@model
class ItemUpdateFailureReasonItemStatusTooBig(Model):
    """The request is too large."""

    type: Literal[ItemUpdateFailureReasonTypes.ITEM_STATUS_TOO_BIG] = (
        ItemUpdateFailureReasonTypes.ITEM_STATUS_TOO_BIG
    )


@model
class ItemUpdateFailureReasonItemNotFound(Model):
    """The item was not found."""

    type: Literal[ItemUpdateFailureReasonTypes.ITEM_NOT_FOUND] = (
        ItemUpdateFailureReasonTypes.ITEM_NOT_FOUND
    )


@model
class ItemUpdateFailureReasonInternal(Model):
    """An internal error."""

    message: ErrorMessage
    type: Literal[ItemUpdateFailureReasonTypes.INTERNAL] = ItemUpdateFailureReasonTypes.INTERNAL


ItemUpdateFailureReason = Union[
    ItemUpdateFailureReasonItemValidationError,
    ItemUpdateFailureReasonItemStatusPermissionError,
    ItemUpdateFailureReasonItemStatusIncorrectItemVersion,
    ItemUpdateFailureReasonItemStatusFileNotFound,
    ItemUpdateFailureReasonItemStatusTooBig,
    ItemUpdateFailureReasonItemNotFound,
    ItemUpdateFailureReasonInternal,
]
union(
    "ItemUpdateFailureReason",
    ItemUpdateFailureReasonItemValidationError,
    ItemUpdateFailureReasonItemStatusPermissionError,
    ItemUpdateFailureReasonItemStatusIncorrectItemVersion,
    ItemUpdateFailureReasonItemStatusFileNotFound,
    ItemUpdateFailureReasonItemStatusTooBig,
    ItemUpdateFailureReasonItemNotFound,
    ItemUpdateFailureReasonInternal,
)


@model
class ItemsDeleteAllResponse(Model):
    """Per-item results of `items.delete_all`, keyed by item id."""

    individual_responses: Dict[str, Response[None, ItemUpdateFailureReason]]


@model
class ItemsGetAllErrorItemNotFound(Model):
    """The item was not found."""

    type: Literal[ItemsGetAllErrorTypes.ITEM_NOT_FOUND] = ItemsGetAllErrorTypes.ITEM_NOT_FOUND


@model
class ItemsGetAllErrorInternal(Model):
    """An internal error."""

    message: ErrorMessage
    type: Literal[ItemsGetAllErrorTypes.INTERNAL] = ItemsGetAllErrorTypes.INTERNAL


ItemsGetAllError = Union[
    ItemsGetAllErrorItemNotFound,
    ItemsGetAllErrorInternal,
]
union(
    "ItemsGetAllError",
    ItemsGetAllErrorItemNotFound,
    ItemsGetAllErrorInternal,
)


@model
class ItemsGetAllResponse(Model):
    """Per-item results of `items.get_all`."""

    individual_responses: List[Response[Item, ItemsGetAllError]]


@model
class ItemsUpdateAllResponse(Model):
    """Per-item results of `items.create_all`."""

    individual_responses: List[Response[Item, ItemUpdateFailureReason]]


@model
class ResolvedReference(Model):
    """A resolved secret and where it came from."""

    secret: str
    item_id: str
    vault_id: str


@model
class ResolveReferenceErrorParsing(Model):
    """The reference did not parse."""

    message: ErrorMessage
    type: Literal[ResolveReferenceErrorTypes.PARSING] = ResolveReferenceErrorTypes.PARSING


@model
class ResolveReferenceErrorFieldNotFound(Model):
    """No such field."""

    type: Literal[ResolveReferenceErrorTypes.FIELD_NOT_FOUND] = (
        ResolveReferenceErrorTypes.FIELD_NOT_FOUND
    )


@model
class ResolveReferenceErrorVaultNotFound(Model):
    """No such vault."""

    type: Literal[ResolveReferenceErrorTypes.VAULT_NOT_FOUND] = (
        ResolveReferenceErrorTypes.VAULT_NOT_FOUND
    )


@model
class ResolveReferenceErrorTooManyVaults(Model):
    """Several vaults match."""

    type: Literal[ResolveReferenceErrorTypes.TOO_MANY_VAULTS] = (
        ResolveReferenceErrorTypes.TOO_MANY_VAULTS
    )


@model
class ResolveReferenceErrorItemNotFound(Model):
    """No such item."""

    type: Literal[ResolveReferenceErrorTypes.ITEM_NOT_FOUND] = (
        ResolveReferenceErrorTypes.ITEM_NOT_FOUND
    )


@model
class ResolveReferenceErrorTooManyItems(Model):
    """Several items match."""

    type: Literal[ResolveReferenceErrorTypes.TOO_MANY_ITEMS] = (
        ResolveReferenceErrorTypes.TOO_MANY_ITEMS
    )


@model
class ResolveReferenceErrorTooManyMatchingFields(Model):
    """Several fields match."""

    type: Literal[ResolveReferenceErrorTypes.TOO_MANY_MATCHING_FIELDS] = (
        ResolveReferenceErrorTypes.TOO_MANY_MATCHING_FIELDS
    )


@model
class ResolveReferenceErrorNoMatchingSections(Model):
    """No section matches."""

    type: Literal[ResolveReferenceErrorTypes.NO_MATCHING_SECTIONS] = (
        ResolveReferenceErrorTypes.NO_MATCHING_SECTIONS
    )


@model
class ResolveReferenceErrorIncompatibleTOTPQueryParameterField(Model):
    """`attribute=totp` on a field that is not a TOTP field."""

    type: Literal[ResolveReferenceErrorTypes.INCOMPATIBLE_TOTP_QUERY_PARAMETER_FIELD] = (
        ResolveReferenceErrorTypes.INCOMPATIBLE_TOTP_QUERY_PARAMETER_FIELD
    )


@model
class ResolveReferenceErrorUnableToGenerateTotpCode(Model):
    """The TOTP code could not be computed."""

    message: ErrorMessage
    type: Literal[ResolveReferenceErrorTypes.UNABLE_TO_GENERATE_TOTP_CODE] = (
        ResolveReferenceErrorTypes.UNABLE_TO_GENERATE_TOTP_CODE
    )


@model
class ResolveReferenceErrorSSHKeyMetadataNotFound(Model):
    """The SSH key's metadata is missing."""

    type: Literal[ResolveReferenceErrorTypes.S_SH_KEY_METADATA_NOT_FOUND] = (
        ResolveReferenceErrorTypes.S_SH_KEY_METADATA_NOT_FOUND
    )


@model
class ResolveReferenceErrorUnsupportedFileFormat(Model):
    """Only text files can be resolved."""

    type: Literal[ResolveReferenceErrorTypes.UNSUPPORTED_FILE_FORMAT] = (
        ResolveReferenceErrorTypes.UNSUPPORTED_FILE_FORMAT
    )


@model
class ResolveReferenceErrorIncompatibleSshKeyQueryParameterField(Model):
    """`ssh-format` on a field that is not an SSH key."""

    type: Literal[ResolveReferenceErrorTypes.INCOMPATIBLE_SSH_KEY_QUERY_PARAMETER_FIELD] = (
        ResolveReferenceErrorTypes.INCOMPATIBLE_SSH_KEY_QUERY_PARAMETER_FIELD
    )


@model
class ResolveReferenceErrorUnableToParsePrivateKey(Model):
    """The private key did not parse."""

    type: Literal[ResolveReferenceErrorTypes.UNABLE_TO_PARSE_PRIVATE_KEY] = (
        ResolveReferenceErrorTypes.UNABLE_TO_PARSE_PRIVATE_KEY
    )


@model
class ResolveReferenceErrorUnableToFormatPrivateKeyToOpenSsh(Model):
    """The private key could not be written as OpenSSH."""

    type: Literal[ResolveReferenceErrorTypes.UNABLE_TO_FORMAT_PRIVATE_KEY_TO_OPEN_SSH] = (
        ResolveReferenceErrorTypes.UNABLE_TO_FORMAT_PRIVATE_KEY_TO_OPEN_SSH
    )


@model
class ResolveReferenceErrorOther(Model):
    """Another failure."""

    type: Literal[ResolveReferenceErrorTypes.OTHER] = ResolveReferenceErrorTypes.OTHER


ResolveReferenceError = Union[
    ResolveReferenceErrorParsing,
    ResolveReferenceErrorFieldNotFound,
    ResolveReferenceErrorVaultNotFound,
    ResolveReferenceErrorTooManyVaults,
    ResolveReferenceErrorItemNotFound,
    ResolveReferenceErrorTooManyItems,
    ResolveReferenceErrorTooManyMatchingFields,
    ResolveReferenceErrorNoMatchingSections,
    ResolveReferenceErrorIncompatibleTOTPQueryParameterField,
    ResolveReferenceErrorUnableToGenerateTotpCode,
    ResolveReferenceErrorSSHKeyMetadataNotFound,
    ResolveReferenceErrorUnsupportedFileFormat,
    ResolveReferenceErrorIncompatibleSshKeyQueryParameterField,
    ResolveReferenceErrorUnableToParsePrivateKey,
    ResolveReferenceErrorUnableToFormatPrivateKeyToOpenSsh,
    ResolveReferenceErrorOther,
]
union(
    "ResolveReferenceError",
    ResolveReferenceErrorParsing,
    ResolveReferenceErrorFieldNotFound,
    ResolveReferenceErrorVaultNotFound,
    ResolveReferenceErrorTooManyVaults,
    ResolveReferenceErrorItemNotFound,
    ResolveReferenceErrorTooManyItems,
    ResolveReferenceErrorTooManyMatchingFields,
    ResolveReferenceErrorNoMatchingSections,
    ResolveReferenceErrorIncompatibleTOTPQueryParameterField,
    ResolveReferenceErrorUnableToGenerateTotpCode,
    ResolveReferenceErrorSSHKeyMetadataNotFound,
    ResolveReferenceErrorUnsupportedFileFormat,
    ResolveReferenceErrorIncompatibleSshKeyQueryParameterField,
    ResolveReferenceErrorUnableToParsePrivateKey,
    ResolveReferenceErrorUnableToFormatPrivateKeyToOpenSsh,
    ResolveReferenceErrorOther,
)


@model
class ResolveAllResponse(Model):
    """Per-reference results of `secrets.resolve_all`, keyed by reference."""

    individual_responses: Dict[str, Response[ResolvedReference, ResolveReferenceError]]


@model
class Vault(Model):
    """A vault."""

    id: str
    title: str
    description: str
    vault_type: VaultType
    active_item_count: int
    content_version: int
    attribute_version: int
    access: Optional[List[VaultAccess]] = None


@model
class VaultCreateParams(Model):
    """What `vaults.create` needs."""

    title: str
    description: Optional[str] = None
    allow_admins_access: Optional[bool] = None


@model
class VaultGetParams(Model):
    """Options of `vaults.get`."""

    accessors: Optional[bool] = None


@model
class VaultListParams(Model):
    """Options of `vaults.list`."""

    decrypt_details: Optional[bool] = None


@model
class VaultOverview(Model):
    """A vault as `vaults.list` returns it."""

    id: str
    title: str
    description: str
    vault_type: VaultType
    active_item_count: int
    content_version: int
    attribute_version: int
    created_at: datetime
    updated_at: datetime


@model
class VaultUpdateParams(Model):
    """What `vaults.update` changes."""

    title: Optional[str] = None
    description: Optional[str] = None


@model
class ItemListFilterByStateInner(Model):
    """Which states `items.list` returns."""

    active: bool
    archived: bool


@model
class ItemListFilterByState(Model):
    """Filter `items.list` by state."""

    content: ItemListFilterByStateInner
    type: Literal[ItemListFilterTypes.BY_STATE] = ItemListFilterTypes.BY_STATE


ItemListFilter = ItemListFilterByState
union("ItemListFilter", ItemListFilterByState)


@model
class PasswordRecipeMemorableInner(Model):
    """Words joined by separators."""

    separator_type: SeparatorType
    capitalize: bool
    word_list_type: WordListType
    word_count: int


@model
class PasswordRecipePinInner(Model):
    """Digits only."""

    length: int


@model
class PasswordRecipeRandomInner(Model):
    """Characters without look-alikes."""

    include_digits: bool
    include_symbols: bool
    length: int


@model
class PasswordRecipeMemorable(Model):
    """A memorable password recipe."""

    parameters: PasswordRecipeMemorableInner
    type: Literal[PasswordRecipeTypes.MEMORABLE] = PasswordRecipeTypes.MEMORABLE


@model
class PasswordRecipePin(Model):
    """A PIN recipe."""

    parameters: PasswordRecipePinInner
    type: Literal[PasswordRecipeTypes.PIN] = PasswordRecipeTypes.PIN


@model
class PasswordRecipeRandom(Model):
    """A random password recipe."""

    parameters: PasswordRecipeRandomInner
    type: Literal[PasswordRecipeTypes.RANDOM] = PasswordRecipeTypes.RANDOM


PasswordRecipe = Union[PasswordRecipeMemorable, PasswordRecipePin, PasswordRecipeRandom]
union("PasswordRecipe", PasswordRecipeMemorable, PasswordRecipePin, PasswordRecipeRandom)

# Vault permission bits (protocol §9.7); combine with `|`.
NO_ACCESS: int = 0
RECOVER_VAULT: int = 1
MANAGE_VAULT: int = 2
REVEAL_ITEM_PASSWORD: int = 16
READ_ITEMS: int = 32
UPDATE_ITEMS: int = 64
CREATE_ITEMS: int = 128
ARCHIVE_ITEMS: int = 256
DELETE_ITEMS: int = 512
UPDATE_ITEM_HISTORY: int = 1024
SEND_ITEMS: int = 1048576
IMPORT_ITEMS: int = 2097152
EXPORT_ITEMS: int = 4194304
PRINT_ITEMS: int = 8388608

__all__ = [
    "ARCHIVE_ITEMS",
    "CREATE_ITEMS",
    "DELETE_ITEMS",
    "EXPORT_ITEMS",
    "IMPORT_ITEMS",
    "MANAGE_VAULT",
    "NO_ACCESS",
    "PRINT_ITEMS",
    "READ_ITEMS",
    "RECOVER_VAULT",
    "REVEAL_ITEM_PASSWORD",
    "SEND_ITEMS",
    "UPDATE_ITEMS",
    "UPDATE_ITEM_HISTORY",
    "AddressFieldDetails",
    "AllowedRecipientType",
    "AllowedType",
    "AutofillBehavior",
    "DocumentCreateParams",
    "EnvironmentVariable",
    "ErrorMessage",
    "FileAttributes",
    "FileCreateParams",
    "GeneratePasswordResponse",
    "GetVariablesResponse",
    "Group",
    "GroupAccess",
    "GroupGetParams",
    "GroupState",
    "GroupType",
    "GroupVaultAccess",
    "Item",
    "ItemCategory",
    "ItemCreateParams",
    "ItemField",
    "ItemFieldDetailsAddress",
    "ItemFieldDetailsOtp",
    "ItemFieldDetailsSshKey",
    "ItemFieldDetailsTypes",
    "ItemFieldType",
    "ItemFile",
    "ItemListFilter",
    "ItemListFilterByState",
    "ItemListFilterByStateInner",
    "ItemListFilterTypes",
    "ItemOverview",
    "ItemSection",
    "ItemShareAccountPolicy",
    "ItemShareDuration",
    "ItemShareFiles",
    "ItemShareParams",
    "ItemState",
    "ItemUpdateFailureReasonInternal",
    "ItemUpdateFailureReasonItemNotFound",
    "ItemUpdateFailureReasonItemStatusFileNotFound",
    "ItemUpdateFailureReasonItemStatusIncorrectItemVersion",
    "ItemUpdateFailureReasonItemStatusPermissionError",
    "ItemUpdateFailureReasonItemStatusTooBig",
    "ItemUpdateFailureReasonItemValidationError",
    "ItemUpdateFailureReasonTypes",
    "ItemsDeleteAllResponse",
    "ItemsGetAllErrorInternal",
    "ItemsGetAllErrorItemNotFound",
    "ItemsGetAllErrorTypes",
    "ItemsGetAllResponse",
    "ItemsUpdateAllResponse",
    "OtpFieldDetails",
    "PasswordRecipeMemorable",
    "PasswordRecipeMemorableInner",
    "PasswordRecipePin",
    "PasswordRecipePinInner",
    "PasswordRecipeRandom",
    "PasswordRecipeRandomInner",
    "PasswordRecipeTypes",
    "ResolveAllResponse",
    "ResolveReferenceErrorFieldNotFound",
    "ResolveReferenceErrorIncompatibleSshKeyQueryParameterField",
    "ResolveReferenceErrorIncompatibleTOTPQueryParameterField",
    "ResolveReferenceErrorItemNotFound",
    "ResolveReferenceErrorNoMatchingSections",
    "ResolveReferenceErrorOther",
    "ResolveReferenceErrorParsing",
    "ResolveReferenceErrorSSHKeyMetadataNotFound",
    "ResolveReferenceErrorTooManyItems",
    "ResolveReferenceErrorTooManyMatchingFields",
    "ResolveReferenceErrorTooManyVaults",
    "ResolveReferenceErrorTypes",
    "ResolveReferenceErrorUnableToFormatPrivateKeyToOpenSsh",
    "ResolveReferenceErrorUnableToGenerateTotpCode",
    "ResolveReferenceErrorUnableToParsePrivateKey",
    "ResolveReferenceErrorUnsupportedFileFormat",
    "ResolveReferenceErrorVaultNotFound",
    "ResolvedReference",
    "Response",
    "SeparatorType",
    "SshKeyAttributes",
    "ValidRecipientDomain",
    "ValidRecipientDomainInner",
    "ValidRecipientEmail",
    "ValidRecipientEmailInner",
    "ValidRecipientTypes",
    "Vault",
    "VaultAccess",
    "VaultAccessorType",
    "VaultCreateParams",
    "VaultGetParams",
    "VaultListParams",
    "VaultOverview",
    "VaultType",
    "VaultUpdateParams",
    "Website",
    "WordListType",
]
