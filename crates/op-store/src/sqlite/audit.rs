//! The audit trail: one row per change, written by the same transaction as the change.
//!
//! A row names who (the handle's principal), what (a dotted action such as `item.create`), which
//! vault and item, which other record (`subject`: a group, principal, Environment or grant, by id),
//! and when. Only ids, action names and permission bits: never a title, a value or a blob.

use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, params};

use super::Failure;
use crate::records::AuditEvent;

/// Who the trail names when a handle was not bound to a principal.
pub(crate) const UNATTRIBUTED: &str = "unattributed";

/// The audit context of one write transaction.
pub(crate) struct Trail<'a> {
    actor: &'a str,
    at: i64,
}

impl<'a> Trail<'a> {
    pub(crate) fn new(actor: Option<&'a str>) -> Self {
        let at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Self {
            actor: actor.unwrap_or(UNATTRIBUTED),
            at,
        }
    }

    /// Appends one event in `tx`.
    pub(crate) fn record(
        &self,
        tx: &Connection,
        action: &str,
        vault_id: Option<&str>,
        item_id: Option<&str>,
        subject: Option<&str>,
    ) -> Result<(), Failure> {
        tx.prepare_cached(
            "INSERT INTO audit (at, principal_id, action, vault_id, item_id, subject) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.at, self.actor, action, vault_id, item_id, subject])?;
        Ok(())
    }
}

/// The newest `limit` events, newest first.
pub(crate) fn events(conn: &Connection, limit: usize) -> Result<Vec<AuditEvent>, Failure> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, principal_id, action, vault_id, item_id, subject FROM audit ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(AuditEvent {
                id: r.get(0)?,
                at: r.get(1)?,
                principal_id: r.get(2)?,
                action: r.get(3)?,
                vault_id: r.get(4)?,
                item_id: r.get(5)?,
                subject: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
