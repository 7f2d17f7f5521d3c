//! The public error of every store operation.

/// Why a store operation failed.
///
/// Variant names are stable codes (see [`StoreError::name`]); bindings map them to their own error types.
/// Messages name the file or the record and say what to do; they never contain blob content (every blob the
/// store holds is ciphertext or key material, and even ciphertext has no place in a log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The record (or the store file itself, `what = "vault file"`) does not exist.
    #[error("{what} not found: {id}")]
    NotFound {
        /// What kind of record was looked for ("vault", "item", "principal", "vault file", ...).
        what: &'static str,
        /// Its id (for a file: its path).
        id: String,
    },
    /// A record with the same id (or the same key) is already stored.
    #[error("{what} already exists: {id}")]
    AlreadyExists {
        /// What kind of record ("account", "vault", "item", "group member", ...).
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// `update_item` was given a version that is no longer current: someone else changed the item.
    #[error(
        "item {id} changed since it was read (expected version {expected}, found {actual}): read it again and retry"
    )]
    VersionConflict {
        /// The item id.
        id: String,
        /// The version the caller read.
        expected: u32,
        /// The version stored now.
        actual: u32,
    },
    /// A group re-key was computed from a membership that is no longer the group's: someone added
    /// or removed a member meanwhile, and applying it would silently drop them.
    #[error(
        "the members of group {group_id} changed while it was being re-keyed: nothing was written; retry"
    )]
    MembershipChanged {
        /// The group.
        group_id: String,
    },
    /// A write was encrypted under a vault key that has since been rotated: open the vault key again
    /// and redo the write.
    #[error(
        "the key of vault {vault_id} was rotated (generation {current}) after this write was encrypted under generation {used}: reopen the vault and retry"
    )]
    KeyRotated {
        /// The vault.
        vault_id: String,
        /// The generation the write used.
        used: u32,
        /// The vault's current generation.
        current: u32,
    },
    /// Another process held the write lock for longer than the busy timeout.
    #[error("the vault file {path} stayed locked by another process past the timeout: try again")]
    Busy {
        /// The store file.
        path: String,
    },
    /// The file is damaged or is not an opkit store.
    #[error(
        "the vault file {path} is damaged or is not an opkit vault file ({detail}): restore it from a backup"
    )]
    Corrupt {
        /// The store file.
        path: String,
        /// What check failed (never record content).
        detail: String,
    },
    /// The file was written by a newer opkit whose schema this code does not know.
    #[error(
        "the vault file {path} uses schema version {found}, this opkit supports up to {supported}: upgrade opkit"
    )]
    SchemaTooNew {
        /// The store file.
        path: String,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this code knows.
        supported: u32,
    },
    /// The caller passed records that contradict each other (a bug in the caller, not bad data on disk).
    #[error("invalid store request: {reason}")]
    InvalidInput {
        /// Which rule was broken.
        reason: String,
    },
    /// The operating system refused to create, open, read or write the file.
    #[error("cannot use the vault file {path}: {message}")]
    Io {
        /// The store file.
        path: String,
        /// The operating system's or SQLite's reason.
        message: String,
    },
    /// Any other database failure.
    #[error("database error on {path}: {message}")]
    Sqlite {
        /// The store file.
        path: String,
        /// SQLite's message (statement and constraint names, never values).
        message: String,
    },
}

impl StoreError {
    /// The stable code of this error: the variant name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "NotFound",
            Self::AlreadyExists { .. } => "AlreadyExists",
            Self::VersionConflict { .. } => "VersionConflict",
            Self::KeyRotated { .. } => "KeyRotated",
            Self::MembershipChanged { .. } => "MembershipChanged",
            Self::Busy { .. } => "Busy",
            Self::Corrupt { .. } => "Corrupt",
            Self::SchemaTooNew { .. } => "SchemaTooNew",
            Self::InvalidInput { .. } => "InvalidInput",
            Self::Io { .. } => "Io",
            Self::Sqlite { .. } => "Sqlite",
        }
    }

    pub(crate) fn not_found(what: &'static str, id: &str) -> Self {
        Self::NotFound {
            what,
            id: id.to_owned(),
        }
    }

    pub(crate) fn already_exists(what: &'static str, id: &str) -> Self {
        Self::AlreadyExists {
            what,
            id: id.to_owned(),
        }
    }

    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        Self::InvalidInput {
            reason: reason.into(),
        }
    }
}

// Errors cross threads and FFI boundaries: keep them plain data.
const _: () = {
    const fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<StoreError>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_variant_names() {
        let cases = [
            (StoreError::not_found("item", "x"), "NotFound"),
            (StoreError::already_exists("item", "x"), "AlreadyExists"),
            (
                StoreError::VersionConflict {
                    id: "x".into(),
                    expected: 1,
                    actual: 2,
                },
                "VersionConflict",
            ),
            (StoreError::Busy { path: "p".into() }, "Busy"),
            (
                StoreError::Corrupt {
                    path: "p".into(),
                    detail: "d".into(),
                },
                "Corrupt",
            ),
            (
                StoreError::SchemaTooNew {
                    path: "p".into(),
                    found: 9,
                    supported: 1,
                },
                "SchemaTooNew",
            ),
            (StoreError::invalid("r"), "InvalidInput"),
            (
                StoreError::Io {
                    path: "p".into(),
                    message: "m".into(),
                },
                "Io",
            ),
            (
                StoreError::Sqlite {
                    path: "p".into(),
                    message: "m".into(),
                },
                "Sqlite",
            ),
        ];
        for (error, name) in cases {
            assert_eq!(error.name(), name);
            assert!(format!("{error:?}").starts_with(name));
        }
    }

    #[test]
    fn messages_name_the_file_and_the_fix() {
        let busy = StoreError::Busy {
            path: "/tmp/v.db".into(),
        }
        .to_string();
        assert!(busy.contains("/tmp/v.db") && busy.contains("try again"));
        let newer = StoreError::SchemaTooNew {
            path: "/v".into(),
            found: 7,
            supported: 1,
        }
        .to_string();
        assert!(newer.contains("upgrade opkit") && newer.contains('7'));
    }
}
