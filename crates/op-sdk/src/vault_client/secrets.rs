//! Secret references: `SecretsResolve` and `SecretsResolveAll`.
//!
//! Vaults are matched by id or title among the vaults this principal can open; items by id, or by
//! title through the vault's keyed blind index (so resolution never decrypts a whole vault and
//! stays flat as a vault grows). `resolve_all` reads each item once however many references name it.
//!
//! A warm `resolve` is one backend call ([`crate::backend::Backend::find_items`]): vault names and
//! keys come from the index, and the call returns the access it checked with the candidates.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use op_core::SecretString;
use op_core::id::is_valid_id;
use op_core::reference::SecretReference;
use op_core::reference::matching::{
    MatchError, Resolved, resolve_in_item, select_item, select_vault,
};
use op_core::wire::{
    Item, ItemOverview, ResolveAllResponse, ResolveReferenceError, ResolvedReference, Response,
};

use super::{VAULT_INDEX_TTL, VaultClient, VaultIndex};
use crate::codec::items::{decode, decode_overview};
use crate::codec::keys::VaultKey;
use crate::codec::now_seconds;
use crate::codec::vault_attrs::decode_vault_overview;
use crate::error::{Error, ErrorReason, Result};

/// Why one reference failed: a matching rule (with its wire form) or another error.
enum Failure {
    Match(MatchError),
    /// A file reference to a file that is not text (named by its file name).
    NotText(String),
    Other(Error),
}

impl Failure {
    fn to_wire(&self) -> ResolveReferenceError {
        match self {
            Self::Match(m) => m.to_wire(),
            Self::NotText(_) => ResolveReferenceError::UnsupportedFileFormat,
            Self::Other(_) => ResolveReferenceError::Other,
        }
    }

    fn into_error(self) -> Error {
        match self {
            Self::Match(m) => {
                let reason = match m {
                    MatchError::VaultNotFound(_)
                    | MatchError::ItemNotFound(_)
                    | MatchError::NoMatchingSections(_)
                    | MatchError::FieldNotFound(_) => ErrorReason::NotFound,
                    _ => ErrorReason::Invalid,
                };
                Error::ResolvingSecretReference(reason, m.to_string())
            }
            Self::NotText(name) => Error::ResolvingSecretReference(
                ErrorReason::Invalid,
                format!(
                    "unsupported file format: the file {name:?} is not UTF-8 text, so it cannot be a secret value; read it with items.files.read"
                ),
            ),
            Self::Other(e) => e,
        }
    }
}

impl From<MatchError> for Failure {
    fn from(m: MatchError) -> Self {
        Self::Match(m)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Other(e)
    }
}

impl VaultClient {
    /// The cached vault index, rebuilt when older than the TTL or when `refresh` is set.
    fn vault_index(&self, refresh: bool) -> Result<Arc<VaultIndex>> {
        let mut slot = self.vault_index.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((built, index)) = slot.as_ref()
            && !refresh
            && built.elapsed() < VAULT_INDEX_TTL
        {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(self.build_vault_index()?);
        *slot = Some((std::time::Instant::now(), Arc::clone(&index)));
        Ok(index)
    }

    fn build_vault_index(&self) -> Result<VaultIndex> {
        let mut overviews = Vec::new();
        let mut keys = HashMap::new();
        for view in self.backend.visible_vaults()? {
            let key = self.keyring.key_for_view(&view)?;
            overviews.push(decode_vault_overview(&key, &view.vault)?);
            keys.insert(view.vault.id, key);
        }
        Ok(VaultIndex { overviews, keys })
    }

    /// The active item `reference` names in the vault it names: the vault from the index, the
    /// candidates by id and by blind title index in one backend call, the choice among them by
    /// their decrypted overviews.
    fn find_item(
        &self,
        index: &VaultIndex,
        reference: &SecretReference<'_>,
    ) -> std::result::Result<Item, Failure> {
        let vault = select_vault(&index.overviews, reference.vault)?;
        let cached = index
            .keys
            .get(&vault.id)
            .ok_or_else(|| MatchError::VaultNotFound(reference.vault.to_owned()))?;
        let selector = reference.item;
        let title_index = op_crypto::blind_index(cached.index_key(), selector);
        // The index caches names and keys, never permissions: the backend decides on every
        // reference, so a revoked grant or principal stops resolution at once, also in clients
        // that were already open.
        let read = match self.backend.find_items(
            &vault.id,
            is_valid_id(selector).then_some(selector),
            &title_index,
        ) {
            Ok(read) => read,
            Err(Error::ItemApi(ErrorReason::NotFound, _)) => {
                return Err(MatchError::VaultNotFound(reference.vault.to_owned()).into());
            }
            Err(e) => return Err(Failure::Other(e)),
        };
        let key = Arc::new(VaultKey {
            material: Arc::clone(&cached.material),
            permissions: read.view.permissions,
        });
        let candidates = read.value;
        let newest = candidates
            .iter()
            .map(|r| r.key_generation)
            .max()
            .unwrap_or(0);
        let key = self.keyring.key_for_generation(&key, &vault.id, newest)?;
        let overviews: Vec<ItemOverview> = candidates
            .iter()
            .map(|r| decode_overview(&key, &r.summary()))
            .collect::<Result<_>>()?;
        let chosen = select_item(&overviews, selector)?;
        let record = candidates
            .iter()
            .find(|r| r.id == chosen.id)
            .ok_or_else(|| MatchError::ItemNotFound(selector.to_owned()))?;
        self.items_read.fetch_add(1, Ordering::Relaxed);
        Ok(decode(&key, record)?)
    }

    /// The value `reference` names in `item`; a file yields its text content.
    fn value_of(
        &self,
        index: &VaultIndex,
        item: &Item,
        reference: &SecretReference<'_>,
    ) -> std::result::Result<SecretString, Failure> {
        match resolve_in_item(item, reference, now_seconds())? {
            Resolved::Secret(secret) => Ok(secret),
            Resolved::File(file) => {
                let vault = index
                    .keys
                    .get(&item.vault_id)
                    .ok_or_else(|| MatchError::VaultNotFound(reference.vault.to_owned()))?;
                self.file_text(vault, item, file)?
                    .ok_or_else(|| Failure::NotText(file.name.clone()))
            }
        }
    }

    /// `SecretsResolve`.
    pub(crate) fn resolve(&self, text: &str) -> Result<SecretString> {
        let reference = SecretReference::parse(text)
            .map_err(|e| Error::ResolvingSecretReference(ErrorReason::Invalid, e.to_string()))?;
        let mut index = self.vault_index(false)?;
        if select_vault(&index.overviews, reference.vault).is_err() {
            index = self.vault_index(true)?;
        }
        let outcome = self
            .find_item(&index, &reference)
            .and_then(|item| self.value_of(&index, &item, &reference));
        outcome.map_err(Failure::into_error)
    }

    /// `SecretsResolveAll`: each (vault, item) pair is looked up and decrypted once.
    pub(crate) fn resolve_all(&self, texts: &[String]) -> Result<ResolveAllResponse> {
        // A revoked principal fails the whole call, not each reference.
        self.backend.who()?;
        let mut index = self.vault_index(false)?;
        let misses = texts
            .iter()
            .filter_map(|t| SecretReference::parse(t).ok())
            .any(|r| select_vault(&index.overviews, r.vault).is_err());
        if misses {
            index = self.vault_index(true)?;
        }
        let mut items: HashMap<
            (String, String),
            std::result::Result<Arc<Item>, ResolveReferenceError>,
        > = HashMap::new();
        let mut responses = BTreeMap::new();
        for text in texts {
            let response = match SecretReference::parse(text) {
                Err(e) => Response::err(ResolveReferenceError::Parsing(e.to_string())),
                Ok(reference) => {
                    let key = (
                        reference.vault.to_ascii_lowercase(),
                        reference.item.to_ascii_lowercase(),
                    );
                    let item = items
                        .entry(key)
                        .or_insert_with(|| {
                            self.find_item(&index, &reference)
                                .map(Arc::new)
                                .map_err(|f| f.to_wire())
                        })
                        .clone();
                    match item.and_then(|item| {
                        self.value_of(&index, &item, &reference)
                            .map(|secret| (secret, item.id.clone(), item.vault_id.clone()))
                            .map_err(|f| f.to_wire())
                    }) {
                        Ok((secret, item_id, vault_id)) => Response::ok(ResolvedReference {
                            secret,
                            item_id,
                            vault_id,
                        }),
                        Err(e) => Response::err(e),
                    }
                }
            };
            responses.insert(text.clone(), response);
        }
        Ok(ResolveAllResponse {
            individual_responses: responses,
        })
    }
}
