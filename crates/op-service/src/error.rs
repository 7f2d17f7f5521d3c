//! Why the service layer refused or failed a call.

use op_core::wire::ErrorReason;
use op_store::StoreError;

/// A refusal or failure: a stable typed reason and a message a user can act on (which vault, which
/// principal, what to do), never a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ServiceError {
    /// Why, as a stable name.
    pub reason: ErrorReason,
    /// What happened and what to do.
    pub message: String,
}

impl ServiceError {
    pub(crate) fn new(reason: ErrorReason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
        }
    }

    pub(crate) fn denied(message: impl Into<String>) -> Self {
        Self::new(ErrorReason::PermissionDenied, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorReason::NotFound, message)
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        let reason = match &e {
            StoreError::NotFound { .. } => ErrorReason::NotFound,
            StoreError::VersionConflict { .. } => ErrorReason::VersionConflict,
            StoreError::KeyRotated { .. } => ErrorReason::KeyRotated,
            StoreError::Busy { .. } => ErrorReason::Busy,
            StoreError::InvalidInput { .. } | StoreError::AlreadyExists { .. } => {
                ErrorReason::Invalid
            }
            _ => ErrorReason::Internal,
        };
        Self::new(reason, e.to_string())
    }
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<ServiceError>();
};
