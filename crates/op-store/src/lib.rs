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
    AccessRecord, AccessorType, AccountRecord, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, EnvironmentRekey, GroupRecord, GroupRekey, ItemRecord, ItemState,
    ItemSummary, KeyChanges, PrincipalKind, PrincipalRecord, PrincipalState, VaultKeyRotation,
    VaultRecord,
};
pub use sqlite::SqliteStore;
pub use store::Store;
