#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod error;
pub mod files;
pub mod records;
pub mod sqlite;
pub mod store;

pub use error::StoreError;
pub use files::{ChunkSource, FileRecord, FileSink, NewFile};
pub use records::{
    AccessChanges, AccessRecord, AccessorType, AccountRecord, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, EnvironmentRekey, GrantRef, GroupRecord, GroupRekey, ItemRecord, ItemState,
    ItemSummary, NewGrant, PrincipalKind, PrincipalRecord, PrincipalState, VaultKeyRotation,
    VaultRecord,
};
pub use sqlite::SqliteStore;
pub use store::Store;
