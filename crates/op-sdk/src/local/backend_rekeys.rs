//! The re-keys of administration on `LocalBackend`: what removing a group member or revoking a
//! service account touches, and the refusal of any change that would not shut the principal out
//! completely or would reach further than that. Each is the account owner's.

use std::collections::BTreeSet;

use op_store::{
    AccessChanges, AccessorType, EnvironmentRecord, GroupRecord, PrincipalKind, VaultRecord,
};

use super::backend::LocalBackend;
use super::store_error;
use crate::backend::{Backend, GroupScope, GroupVault, PrincipalAccess};
use crate::error::{Error, ErrorReason, Result};

fn refused(what: String) -> Error {
    Error::ItemApi(
        ErrorReason::Invalid,
        format!("a re-key was refused: {what}"),
    )
}

/// Who leaves what: the groups `principal` leaves, and whether its direct grants go too.
struct Leaving<'a> {
    principal: &'a str,
    groups: BTreeSet<String>,
    direct: bool,
}

impl LocalBackend {
    fn vaults_granted_to_group(&self, group_id: &str) -> Result<Vec<VaultRecord>> {
        let mut out = Vec::new();
        for vault in self.store().vaults().map_err(store_error)? {
            let grants = self.store().vault_access(&vault.id).map_err(store_error)?;
            if grants
                .iter()
                .any(|g| g.accessor_type == AccessorType::Group && g.accessor_id == group_id)
            {
                out.push(vault);
            }
        }
        Ok(out)
    }

    fn environments_granted_to_group(&self, group_id: &str) -> Result<Vec<EnvironmentRecord>> {
        let mut out = Vec::new();
        for environment in self.store().environments().map_err(store_error)? {
            let grants = self
                .store()
                .environment_access(&environment.id)
                .map_err(store_error)?;
            if grants
                .iter()
                .any(|g| g.accessor_type == AccessorType::Group && g.accessor_id == group_id)
            {
                out.push(environment);
            }
        }
        Ok(out)
    }

    pub(super) fn rekey_scope(&self, group_id: &str) -> Result<GroupScope> {
        self.owner()?;
        let group = self.group(group_id)?;
        let mut members = Vec::new();
        for member in self.store().group_members(group_id).map_err(store_error)? {
            let record = self
                .store()
                .principal(&member)
                .map_err(store_error)?
                .ok_or_else(|| Error::Internal(format!("group member {member} is unknown")))?;
            members.push((member, record.public_key));
        }
        let mut vaults = Vec::new();
        for vault in self.vaults_granted_to_group(group_id)? {
            let grants = self.store().vault_access(&vault.id).map_err(store_error)?;
            let group_grant = grants
                .iter()
                .find(|g| g.accessor_type == AccessorType::Group && g.accessor_id == group_id)
                .cloned()
                .ok_or_else(|| Error::Internal(format!("vault {} lost a grant", vault.id)))?;
            let public_keys = self.vault_public_keys(&vault.id, &grants)?;
            let key_history = self
                .store()
                .vault_key_history(&vault.id)
                .map_err(store_error)?;
            vaults.push(GroupVault {
                vault,
                group_grant,
                key_history,
                grants,
                public_keys,
            });
        }
        let environments = self
            .environments_granted_to_group(group_id)?
            .into_iter()
            .map(|e| e.id)
            .collect();
        Ok(GroupScope {
            group,
            members,
            administrators: self.administrators()?,
            vaults,
            environments,
        })
    }

    pub(super) fn access_of(&self, principal_id: &str) -> Result<PrincipalAccess> {
        self.owner()?;
        self.service_account(principal_id)?;
        let store = self.store();
        let mine = |t: AccessorType, id: &str| t == AccessorType::User && id == principal_id;
        Ok(PrincipalAccess {
            groups: store
                .group_memberships(principal_id)
                .map_err(store_error)?
                .into_iter()
                .map(|(g, _)| g.id)
                .collect(),
            vaults: store
                .access_for(principal_id)
                .map_err(store_error)?
                .into_iter()
                .filter(|g| mine(g.accessor_type, &g.accessor_id))
                .map(|g| g.vault_id)
                .collect(),
            environments: store
                .environment_access_for(principal_id)
                .map_err(store_error)?
                .into_iter()
                .filter(|g| mine(g.accessor_type, &g.accessor_id))
                .map(|g| g.environment_id)
                .collect(),
        })
    }

    fn service_account(&self, principal_id: &str) -> Result<()> {
        match self.store().principal(principal_id).map_err(store_error)? {
            Some(p) if p.kind == PrincipalKind::ServiceAccount => Ok(()),
            _ => Err(Error::InvalidConfiguration(vec![format!(
                "no service account {principal_id:?} in this vault file"
            )])),
        }
    }

    /// Refuses `changes` unless they re-key exactly what `leaving` shuts the principal out of:
    /// each group it leaves (sealed to every other member, nobody added), every vault and
    /// Environment those groups or (if `direct`) the principal hold a grant on (accessors dropped
    /// only where the principal is leaving, none added or changed), and bare grant removals only of
    /// the principal's own direct grants.
    fn check_leaving(&self, leaving: &Leaving<'_>, changes: &AccessChanges) -> Result<()> {
        let who = leaving.principal;
        if !changes.grants.is_empty() || !changes.environment_grants.is_empty() {
            return Err(refused("it may not add grants".into()));
        }
        let rekeyed: BTreeSet<String> = changes.groups.iter().map(|g| g.group_id.clone()).collect();
        if rekeyed != leaving.groups || rekeyed.len() != changes.groups.len() {
            return Err(refused(format!(
                "it must give a new key to each group {who} leaves, once, and to no other"
            )));
        }
        for rekey in &changes.groups {
            let expected: BTreeSet<String> = self
                .store()
                .group_members(&rekey.group_id)
                .map_err(store_error)?
                .into_iter()
                .filter(|m| m != who)
                .collect();
            let given: BTreeSet<String> = rekey.members.iter().map(|(m, _)| m.clone()).collect();
            if given != expected || given.len() != rekey.members.len() {
                return Err(refused(format!(
                    "group {} must keep exactly its other members",
                    rekey.group_id
                )));
            }
        }
        let holds = |accessor_type: AccessorType, accessor_id: &str| match accessor_type {
            AccessorType::Group => leaving.groups.contains(accessor_id),
            AccessorType::User => leaving.direct && accessor_id == who,
        };
        let dropped = |accessor_type: AccessorType, accessor_id: &str| {
            leaving.direct && accessor_type == AccessorType::User && accessor_id == who
        };
        let mut vaults_done = BTreeSet::new();
        for rotation in &changes.vaults {
            let existing = self
                .store()
                .vault_access(&rotation.vault_id)
                .map_err(store_error)?;
            if !existing
                .iter()
                .any(|g| holds(g.accessor_type, &g.accessor_id))
            {
                return Err(refused(format!(
                    "vault {} is not one {who} leaves",
                    rotation.vault_id
                )));
            }
            let kept = existing
                .iter()
                .filter(|g| !dropped(g.accessor_type, &g.accessor_id))
                .count();
            let same = rotation.access.iter().all(|row| {
                row.vault_id == rotation.vault_id
                    && !dropped(row.accessor_type, &row.accessor_id)
                    && existing.iter().any(|g| {
                        g.accessor_type == row.accessor_type
                            && g.accessor_id == row.accessor_id
                            && g.permissions == row.permissions
                    })
            });
            if !same || rotation.access.len() != kept {
                return Err(refused(format!(
                    "the new key of vault {} must be sealed to every accessor but {who}, unchanged",
                    rotation.vault_id
                )));
            }
            vaults_done.insert(rotation.vault_id.clone());
        }
        for gone in &changes.removed_grants {
            if !dropped(gone.accessor_type, &gone.accessor_id) {
                return Err(refused(format!(
                    "only {who}'s own grants may be removed without a re-key"
                )));
            }
            vaults_done.insert(gone.target_id.clone());
        }
        let mut environments_done = BTreeSet::new();
        for rekey in &changes.environments {
            let id = &rekey.environment.id;
            let stored = self
                .store()
                .environment(id)
                .map_err(store_error)?
                .ok_or_else(|| refused(format!("no Environment {id}")))?;
            let existing = self.store().environment_access(id).map_err(store_error)?;
            if !existing
                .iter()
                .any(|g| holds(g.accessor_type, &g.accessor_id))
                || stored.created_by != rekey.environment.created_by
                || stored.created_at != rekey.environment.created_at
            {
                return Err(refused(format!(
                    "Environment {id} is not one {who} leaves, or its origin changed"
                )));
            }
            let kept = existing
                .iter()
                .filter(|g| !dropped(g.accessor_type, &g.accessor_id))
                .count();
            let same = rekey.access.iter().all(|row| {
                row.environment_id == *id
                    && !dropped(row.accessor_type, &row.accessor_id)
                    && existing.iter().any(|g| {
                        g.accessor_type == row.accessor_type
                            && g.accessor_id == row.accessor_id
                            && g.permissions == row.permissions
                    })
            });
            if !same || rekey.access.len() != kept {
                return Err(refused(format!(
                    "the new key of Environment {id} must be sealed to every accessor but {who}, unchanged"
                )));
            }
            environments_done.insert(id.clone());
        }
        for gone in &changes.removed_environment_grants {
            if !dropped(gone.accessor_type, &gone.accessor_id) {
                return Err(refused(format!(
                    "only {who}'s own Environment grants may be removed without a re-key"
                )));
            }
            environments_done.insert(gone.target_id.clone());
        }
        self.check_complete(leaving, &vaults_done, &environments_done)
    }

    /// Refuses a re-key that leaves out a vault or Environment the principal could still open.
    fn check_complete(
        &self,
        leaving: &Leaving<'_>,
        vaults_done: &BTreeSet<String>,
        environments_done: &BTreeSet<String>,
    ) -> Result<()> {
        let mut vaults = BTreeSet::new();
        let mut environments = BTreeSet::new();
        for group in &leaving.groups {
            vaults.extend(
                self.vaults_granted_to_group(group)?
                    .into_iter()
                    .map(|v| v.id),
            );
            environments.extend(
                self.environments_granted_to_group(group)?
                    .into_iter()
                    .map(|e| e.id),
            );
        }
        if leaving.direct {
            let access = self.access_of(leaving.principal)?;
            vaults.extend(access.vaults);
            environments.extend(access.environments);
        }
        if let Some(missing) = vaults.difference(vaults_done).next() {
            return Err(refused(format!("vault {missing} must be re-keyed too")));
        }
        if let Some(missing) = environments.difference(environments_done).next() {
            return Err(refused(format!(
                "Environment {missing} must be re-keyed too"
            )));
        }
        Ok(())
    }

    pub(super) fn remove_member(
        &self,
        group_id: &str,
        principal_id: &str,
        changes: &AccessChanges,
    ) -> Result<()> {
        self.owner()?;
        let group: GroupRecord = self.group(group_id)?;
        let members = self.store().group_members(group_id).map_err(store_error)?;
        if !members.iter().any(|m| m == principal_id) {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("{principal_id} is not a member of group {group_id}"),
            ));
        }
        let leaving = Leaving {
            principal: principal_id,
            groups: BTreeSet::from([group.id]),
            direct: false,
        };
        self.check_leaving(&leaving, changes)?;
        self.store()
            .apply_access_changes(changes)
            .map_err(store_error)
    }

    pub(super) fn revoke(&self, principal_id: &str, changes: &AccessChanges) -> Result<()> {
        self.owner()?;
        self.service_account(principal_id)?;
        let leaving = Leaving {
            principal: principal_id,
            groups: self.access_of(principal_id)?.groups.into_iter().collect(),
            direct: true,
        };
        self.check_leaving(&leaving, changes)?;
        // One transaction: revoked together with every re-key, or not at all.
        self.store()
            .revoke_principal(principal_id, changes)
            .map_err(store_error)
    }
}
