//! Groups as their administrators manage them: creating a user-defined group, listing groups and
//! members, adding a member. A group's key pair is made and opened here and leaves only sealed: to
//! each member and to the Administrators group.

use op_core::id::new_id;
use op_core::wire::{Group, GroupGetParams, GroupState, GroupType};
use op_crypto::{KeyPair, PublicKeyBytes};
use op_store::{AccessorType, GroupRecord};

use super::VaultClient;
use super::rotation::public_key;
use crate::codec::format::group_key_aad;
use crate::codec::{crypto_error, now_micros};
use crate::error::{Error, ErrorReason, Result};

/// `pair`'s private key sealed to `holder_id` (a member, or the Administrators group) at `to`.
pub(crate) fn seal_group_key(
    pair: &KeyPair,
    group_id: &str,
    holder_id: &str,
    to: &PublicKeyBytes,
) -> Result<Vec<u8>> {
    op_crypto::seal_to(
        to,
        pair.secret_bytes().as_ref(),
        &group_key_aad(group_id, holder_id),
    )
    .map_err(crypto_error("a group key"))
}

impl VaultClient {
    /// A group's key pair: through this principal's membership, or through the Administrators
    /// group's copy.
    pub(crate) fn group_private_key(&self, group: &GroupRecord) -> Result<KeyPair> {
        let memberships = self.backend.memberships()?;
        if let Some((_, sealed)) = memberships.iter().find(|(g, _)| g.id == group.id) {
            return self.keyring.group_keypair(&group.id, sealed);
        }
        let not_admin = || {
            Error::ItemApi(
                ErrorReason::PermissionDenied,
                format!(
                    "only members of the Administrators group can manage group {:?}",
                    group.title
                ),
            )
        };
        let admins = self.backend.administrators()?.ok_or_else(not_admin)?;
        let (_, admin_sealed) = memberships
            .iter()
            .find(|(g, _)| g.id == admins.id)
            .ok_or_else(not_admin)?;
        let admin_pair = self.keyring.group_keypair(&admins.id, admin_sealed)?;
        let sealed = group.sealed_admin_key.as_deref().ok_or_else(not_admin)?;
        let secret =
            op_crypto::open_sealed(&admin_pair, sealed, &group_key_aad(&group.id, &admins.id))
                .map_err(|_| {
                    Error::Internal(format!("the key of group {} was tampered with", group.id))
                })?;
        let bytes: [u8; 32] = secret
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal(format!("group {} has a malformed key", group.id)))?;
        Ok(KeyPair::from_secret_bytes(bytes))
    }

    /// Creates a user-defined group (with no members yet), its key sealed to the Administrators.
    pub(crate) fn create_group(&self, title: &str, description: &str) -> Result<Group> {
        if title.trim().is_empty() {
            return Err(Error::InvalidConfiguration(vec![
                "a group needs a non-empty title".into(),
            ]));
        }
        let id = new_id().map_err(|e| Error::Internal(e.to_string()))?;
        let pair = KeyPair::generate().map_err(crypto_error("a group key"))?;
        let sealed_admin_key = self
            .backend
            .administrators()?
            .map(|a| {
                seal_group_key(
                    &pair,
                    &id,
                    &a.id,
                    &public_key(&a.public_key, "the Administrators group")?,
                )
            })
            .transpose()?;
        let record = GroupRecord {
            id: id.clone(),
            title: title.to_owned(),
            description: description.to_owned(),
            group_type: GroupType::UserDefined.as_str().to_owned(),
            state: GroupState::Active.as_str().to_owned(),
            public_key: pair.public_key().as_bytes().to_vec(),
            sealed_admin_key,
            created_at: now_micros(),
        };
        self.backend.create_group(&record)?;
        self.get_group(&id, &GroupGetParams::default())
    }

    /// Every group of the account.
    pub(crate) fn list_groups(&self) -> Result<Vec<Group>> {
        self.backend
            .groups()?
            .iter()
            .map(|g| self.get_group(&g.id, &GroupGetParams::default()))
            .collect()
    }

    /// The ids of a group's members.
    pub(crate) fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        self.backend.group_members(group_id)
    }

    /// Adds a person or service account to a group: the group's key is sealed to it.
    pub(crate) fn add_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        let group = self.backend.group(group_id)?;
        let member_key = self.backend.public_key(AccessorType::User, principal_id)?;
        let pair = self.group_private_key(&group)?;
        let sealed = seal_group_key(
            &pair,
            group_id,
            principal_id,
            &public_key(&member_key, "the new member")?,
        )?;
        self.backend
            .add_group_member(group_id, principal_id, &sealed)
    }

    /// Removes items deleted more than 30 days ago (the owner's; the backend keeps the clock).
    pub(crate) fn purge_deleted(&self) -> Result<usize> {
        self.backend.purge_deleted()
    }
}
