//! The account's audit trail as the owner reads it (`Admin::audit_events`, `opkit audit`).

use op_core::wire::Timestamp;
use serde::Serialize;

/// One change recorded in the vault file: who, what, which vault, item or other record, when.
/// Ids, action names and permission bits only: never a title, a value or a key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Increases with every change.
    pub id: i64,
    /// When the change was written.
    pub at: Timestamp,
    /// The principal that made it (`unattributed` for changes made before it was known).
    pub principal_id: String,
    /// What, as a dotted name: `vault.create`, `item.update`, `vault.grant`, `principal.revoke`, ...
    pub action: String,
    /// The vault concerned, if any.
    pub vault_id: Option<String>,
    /// The item concerned, if any.
    pub item_id: Option<String>,
    /// The other record concerned (a group, principal, Environment or grant), if any.
    pub subject: Option<String>,
}
