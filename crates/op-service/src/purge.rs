//! Purging Recently Deleted: the owner's authority, by one clock.

use crate::{Actor, Service, ServiceError};

/// Items stay in Recently Deleted this long before they are purged.
pub const DELETED_RETENTION_MICROS: i64 = 30 * 24 * 3600 * 1_000_000;

impl Service {
    /// Removes items deleted more than [`DELETED_RETENTION_MICROS`] before `now` (unix
    /// microseconds), in every vault. Only the owner may: a service account's client must not
    /// destroy data by its own clock.
    pub fn purge_deleted(&self, actor: &Actor, now: i64) -> Result<usize, ServiceError> {
        self.owner(&actor.id)?;
        Ok(self
            .store
            .purge_deleted(now.saturating_sub(DELETED_RETENTION_MICROS))?)
    }
}
