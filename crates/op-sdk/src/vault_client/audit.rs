//! The audit trail as a client shows it (the backend hands it to the account owner only).

use super::VaultClient;
use crate::AuditEntry;
use crate::codec::timestamp;
use crate::error::Result;

impl VaultClient {
    /// The newest `limit` changes recorded, newest first.
    pub(crate) fn audit_events(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(self
            .backend
            .audit_events(limit)?
            .into_iter()
            .map(|e| AuditEntry {
                id: e.id,
                at: timestamp(e.at),
                principal_id: e.principal_id,
                action: e.action,
                vault_id: e.vault_id,
                item_id: e.item_id,
                subject: e.subject,
            })
            .collect())
    }
}
