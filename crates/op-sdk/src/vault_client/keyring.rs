//! The keys a client holds: its key pair, and the vault keys it opened through its grants, cached
//! per vault and generation (a rotation, a new generation, makes the cache miss).
//!
//! Everything needed to open a key comes through the backend as ciphertext ([`VaultDetail`]); the
//! opened keys never leave this side of the seam.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use op_crypto::{KeyPair, SymmetricKey};
use op_store::AccessorType;

use crate::backend::{Backend, VaultDetail, VaultView};
use crate::codec::crypto_error;
use crate::codec::format::{group_key_aad, vault_key_aad};
use crate::codec::keys::{KeyMaterial, VaultKey};
use crate::error::{Error, ErrorReason, Result};

/// A grant, as key opening needs it: who it is sealed to and the sealed key.
pub(crate) type SealedGrant<'g> = (AccessorType, &'g str, &'g [u8]);

/// How often a key is opened again when its grant and history disagree (a rotation landed between
/// the two reads); a second attempt reads a consistent pair.
const OPEN_ATTEMPTS: usize = 3;

pub(crate) struct Keyring {
    backend: Arc<dyn Backend>,
    principal_id: String,
    keypair: KeyPair,
    /// Opened vault key material by vault id (each knows its generation).
    vault_keys: Mutex<HashMap<String, Arc<KeyMaterial>>>,
}

pub(crate) fn vault_not_found(vault_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!(
            "no vault {vault_id:?} is accessible with this token: check the id, or ask an owner to grant access"
        ),
    )
}

pub(crate) fn tampered_grant(vault_id: &str) -> Error {
    Error::Internal(format!(
        "the key of vault {vault_id} could not be opened: the grant was tampered with"
    ))
}

impl Keyring {
    pub(crate) fn new(backend: Arc<dyn Backend>, principal_id: String, keypair: KeyPair) -> Self {
        Self {
            backend,
            principal_id,
            keypair,
            vault_keys: Mutex::new(HashMap::new()),
        }
    }

    /// Whom the keys belong to.
    pub(crate) fn principal_id(&self) -> &str {
        &self.principal_id
    }

    /// The key pair (for sealing vault keys to others).
    pub(crate) fn keypair(&self) -> &KeyPair {
        &self.keypair
    }

    /// Forgets cached vault keys (after grants change).
    pub(crate) fn forget(&self) {
        self.vault_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    fn cached(&self, vault_id: &str) -> Option<Arc<KeyMaterial>> {
        self.vault_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(vault_id)
            .cloned()
    }

    fn cache(&self, vault_id: &str, material: Arc<KeyMaterial>) {
        self.vault_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(vault_id.to_owned(), material);
    }

    /// The key pair of a group this principal belongs to, from its sealed copy.
    pub(crate) fn group_keypair(&self, group_id: &str, sealed: &[u8]) -> Result<KeyPair> {
        let secret = op_crypto::open_sealed(
            &self.keypair,
            sealed,
            &group_key_aad(group_id, &self.principal_id),
        )
        .map_err(|_| {
            Error::Internal(format!(
                "the key of group {group_id} could not be opened: the membership was tampered with"
            ))
        })?;
        let bytes: [u8; 32] = secret
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal(format!("group {group_id} has a malformed key")))?;
        Ok(KeyPair::from_secret_bytes(bytes))
    }

    /// Opens a key sealed to this principal (`User` grant) or to one of its groups (`Group` grant,
    /// through `group_keys`: `(group id, group key sealed to this principal)`); `aad` gives the
    /// associated data for an accessor id. `None` when no grant is this principal's.
    pub(crate) fn open_granted_key<'g>(
        &self,
        grants: impl Iterator<Item = SealedGrant<'g>> + Clone,
        group_keys: &[(String, Vec<u8>)],
        aad: impl Fn(&str) -> Vec<u8>,
    ) -> Result<Option<SymmetricKey>> {
        let tampered = || {
            Error::Internal("a granted key could not be opened: the grant was tampered with".into())
        };
        if let Some((_, id, sealed)) = grants
            .clone()
            .find(|(t, id, _)| *t == AccessorType::User && *id == self.principal_id)
        {
            return op_crypto::open_sealed_key(&self.keypair, sealed, &aad(id))
                .map(Some)
                .map_err(|_| tampered());
        }
        for (_, id, sealed) in grants.filter(|(t, _, _)| *t == AccessorType::Group) {
            if let Some((group_id, member_key)) = group_keys.iter().find(|(g, _)| g == id) {
                let pair = self.group_keypair(group_id, member_key)?;
                return op_crypto::open_sealed_key(&pair, sealed, &aad(id))
                    .map(Some)
                    .map_err(|_| tampered());
            }
        }
        Ok(None)
    }

    /// Opens the current key and every older generation of the vault in `detail`.
    fn material_from(
        &self,
        detail: &VaultDetail,
    ) -> Result<std::result::Result<KeyMaterial, Option<op_crypto::CryptoError>>> {
        let vault_id = &detail.view.vault.id;
        let rows = detail.view.grants.iter().map(|g| {
            (
                g.accessor_type,
                g.accessor_id.as_str(),
                g.sealed_vault_key.as_slice(),
            )
        });
        let key = self
            .open_granted_key(rows, &detail.group_keys, |accessor| {
                vault_key_aad(vault_id, accessor)
            })
            .map_err(|_| tampered_grant(vault_id))?
            .ok_or_else(|| vault_not_found(vault_id))?;
        Ok(KeyMaterial::from_current_key(
            vault_id,
            key,
            &detail.key_history,
        ))
    }

    /// Asks the backend for the vault and opens its key material; caches it.
    fn open(&self, vault_id: &str) -> Result<(VaultDetail, Arc<KeyMaterial>)> {
        let mut last = None;
        for _ in 0..OPEN_ATTEMPTS {
            let detail = self.backend.vault(vault_id)?;
            match self.material_from(&detail)? {
                Ok(material) => {
                    let material = Arc::new(material);
                    self.cache(vault_id, Arc::clone(&material));
                    return Ok((detail, material));
                }
                Err(e) => last = e,
            }
        }
        Err(last.map_or_else(
            || tampered_grant(vault_id),
            |e| crypto_error("a vault key history")(e),
        ))
    }

    /// The key of the vault in `view` (a decision of the backend), carrying the permissions it
    /// found; from the cache when its generation is still current.
    pub(crate) fn key_for_view(&self, view: &VaultView) -> Result<Arc<VaultKey>> {
        let material = match self.cached(&view.vault.id) {
            Some(m) if m.generation == view.vault.key_generation => m,
            _ => self.open(&view.vault.id)?.1,
        };
        Ok(Arc::new(VaultKey {
            material,
            permissions: view.permissions,
        }))
    }

    /// [`Self::key_for_view`] for a vault the backend handed out with its key history: a cache
    /// miss opens from `detail` without asking again.
    pub(crate) fn key_for_detail(&self, detail: &VaultDetail) -> Result<Arc<VaultKey>> {
        let view = &detail.view;
        let material = match self.cached(&view.vault.id) {
            Some(m) if m.generation == view.vault.key_generation => m,
            _ => match self.material_from(detail)? {
                Ok(material) => {
                    let material = Arc::new(material);
                    self.cache(&view.vault.id, Arc::clone(&material));
                    material
                }
                // Grant and history disagree (a rotation landed between the reads): ask again.
                Err(_) => self.open(&view.vault.id)?.1,
            },
        };
        Ok(Arc::new(VaultKey {
            material,
            permissions: view.permissions,
        }))
    }

    /// `vault` if it can open `generation`, else the vault's key opened again (it was rotated
    /// after `vault` was opened).
    pub(crate) fn key_for_generation(
        &self,
        vault: &Arc<VaultKey>,
        vault_id: &str,
        generation: u32,
    ) -> Result<Arc<VaultKey>> {
        if vault.key_for(generation).is_some() {
            return Ok(Arc::clone(vault));
        }
        let (detail, material) = self.open(vault_id)?;
        let fresh = Arc::new(VaultKey {
            material,
            permissions: detail.view.permissions,
        });
        if fresh.key_for(generation).is_some() {
            Ok(fresh)
        } else {
            Err(Error::Internal(format!(
                "vault {vault_id} has data under key generation {generation}, which no grant opens: the vault file was modified outside opkit"
            )))
        }
    }
}
