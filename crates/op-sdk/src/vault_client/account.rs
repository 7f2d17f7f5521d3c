//! A new account's records, made before any backend exists: the owner's key pair sealed under a
//! key derived from the password and a new account secret key, the built-in groups' key pairs
//! sealed to the owner (and to the Administrators), and the Personal vault's key sealed to the
//! owner. The backend stores them as one account file.

use data_encoding::BASE64;
use op_core::id::new_id;
use op_core::wire::{GroupState, GroupType, VaultCreateParams, VaultType};
use op_crypto::{AccountSecretKey, Argon2Params, KeyPair, PublicKeyBytes};
use op_store::{AccountRecord, GroupRecord, PrincipalKind, PrincipalRecord, PrincipalState};

use super::VaultClient;
use super::group_admin::seal_group_key;
use super::rotation::public_key;
use super::unlock::seal_private_key;
use super::vaults::vault_records;
use crate::backend::{NewAccount, NewGroup};
use crate::codec::format::UnlockParams;
use crate::codec::{crypto_error, now_micros};
use crate::error::{Error, Result};

/// The built-in groups every account has, in creation order (the Administrators first: the
/// others' keys are sealed to it).
const BUILTIN: [(GroupType, &str, &str); 3] = [
    (
        GroupType::Administrators,
        "Administrators",
        "People who manage the account's groups and vault access",
    ),
    (GroupType::Owners, "Owners", "The account's owners"),
    (
        GroupType::TeamMembers,
        "Team Members",
        "Everyone in the account",
    ),
];

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    op_core::random::fill_bytes(&mut out).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(out)
}

fn fresh_id() -> Result<String> {
    new_id().map_err(|e| Error::Internal(e.to_string()))
}

/// The built-in groups missing from `existing`, each with `owner` (at `owner_key`) as its member
/// and, but for the Administrators group itself, its key sealed to the Administrators.
pub(crate) fn missing_builtin_groups(
    existing: &[GroupRecord],
    owner: &str,
    owner_key: &PublicKeyBytes,
) -> Result<Vec<NewGroup>> {
    let mut admins = existing
        .iter()
        .find(|g| g.group_type == GroupType::Administrators.as_str())
        .cloned();
    let mut out = Vec::new();
    for (group_type, title, description) in BUILTIN {
        if existing.iter().any(|g| g.group_type == group_type.as_str()) {
            continue;
        }
        let id = fresh_id()?;
        let pair = KeyPair::generate().map_err(crypto_error("a group key"))?;
        let sealed_admin_key = admins
            .as_ref()
            .map(|a| {
                let key = public_key(&a.public_key, "the Administrators group")?;
                seal_group_key(&pair, &id, &a.id, &key)
            })
            .transpose()?;
        let group = GroupRecord {
            id: id.clone(),
            title: title.to_owned(),
            description: description.to_owned(),
            group_type: group_type.as_str().to_owned(),
            state: GroupState::Active.as_str().to_owned(),
            public_key: pair.public_key().as_bytes().to_vec(),
            sealed_admin_key,
            created_at: now_micros(),
        };
        let sealed_to_owner = seal_group_key(&pair, &id, owner, owner_key)?;
        if group_type == GroupType::Administrators {
            admins = Some(group.clone());
        }
        out.push(NewGroup {
            group,
            sealed_to_owner,
        });
    }
    Ok(out)
}

/// A new account named `account_name` whose owner unlocks with `password` and the returned secret
/// key: its records, the secret key and the owner's key pair.
pub(crate) fn new_account(
    account_name: &str,
    password: &str,
    params: Argon2Params,
) -> Result<(NewAccount, AccountSecretKey, KeyPair)> {
    if password.is_empty() {
        return Err(Error::InvalidConfiguration(vec![
            "the owner's password must not be empty".into(),
        ]));
    }
    let now = now_micros();
    let account = AccountRecord {
        id: fresh_id()?,
        name: account_name.to_owned(),
        created_at: now,
    };
    let owner_id = fresh_id()?;
    let secret_key = AccountSecretKey::generate().map_err(crypto_error("a secret key"))?;
    let salt = random_bytes::<16>()?;
    let unlock = op_crypto::person_unlock_key(password.as_bytes(), &secret_key, &salt, params)
        .map_err(crypto_error("an unlock key"))?;
    let keypair = KeyPair::generate().map_err(crypto_error("a key pair"))?;
    let unlock_params = UnlockParams::Person {
        salt: BASE64.encode(&salt),
        params,
    };
    let owner = PrincipalRecord {
        id: owner_id.clone(),
        kind: PrincipalKind::Person,
        name: account_name.to_owned(),
        public_key: keypair.public_key().as_bytes().to_vec(),
        sealed_private_key: seal_private_key(&unlock, &owner_id, &keypair)?,
        unlock_params: serde_json::to_vec(&unlock_params)
            .map_err(|e| Error::Internal(e.to_string()))?,
        auth_hash: None,
        state: PrincipalState::Active,
        created_by: None,
        created_at: now,
        may_create_vaults: true,
    };
    let groups = missing_builtin_groups(&[], &owner_id, &keypair.public_key())?;
    let (personal_vault, personal_grants) = vault_records(
        &VaultCreateParams {
            title: "Personal".into(),
            description: Some(format!("{account_name}'s private vault")),
            allow_admins_access: None,
        },
        VaultType::Personal,
        &owner_id,
        &keypair.public_key(),
        None,
    )?;
    let records = NewAccount {
        account,
        owner,
        groups,
        personal_vault,
        personal_grants,
    };
    Ok((records, secret_key, keypair))
}

impl VaultClient {
    /// Adds the built-in groups an account made before groups existed lacks (the owner's).
    pub(crate) fn ensure_builtin_groups(&self) -> Result<()> {
        let existing = self.backend.groups()?;
        let missing = missing_builtin_groups(
            &existing,
            self.keyring.principal_id(),
            &self.keyring.keypair().public_key(),
        )?;
        if missing.is_empty() {
            return Ok(());
        }
        self.backend.create_builtin_groups(&missing)
    }
}
