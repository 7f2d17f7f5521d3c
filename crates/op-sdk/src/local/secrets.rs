//! Secret references: `SecretsResolve` and `SecretsResolveAll`.
//!
//! Vaults are matched by id or title among the vaults this principal can open; items by id, or by
//! title through the vault's keyed blind index (so resolution never decrypts a whole vault and
//! stays flat as a vault grows). `resolve_all` reads each item once however many references name it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use op_core::SecretString;
use op_core::id::is_valid_id;
use op_core::reference::SecretReference;
use op_core::reference::matching::{
    MatchError, Resolved, resolve_in_item, select_item, select_vault,
};
use op_core::wire::{
    Item, ItemOverview, ResolveAllResponse, ResolveReferenceError, ResolvedReference, Response,
    VaultOverview, permissions,
};
use op_store::{ItemRecord, ItemState as StoredState};

use super::session::{Session, VAULT_INDEX_TTL, VaultIndex, VaultKey, service_error};
use super::{now_seconds, store_error, timestamp};
use crate::codec::items::decode_overview;
use crate::codec::vault_attrs::decrypt_attrs;
use crate::error::{Error, ErrorReason, Result};

const REVEAL: u32 = permissions::READ_ITEMS | permissions::REVEAL_ITEM_PASSWORD;

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

impl Session {
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
        for (record, key) in self.accessible_vaults()? {
            let attrs = decrypt_attrs(&key, &record)?;
            overviews.push(VaultOverview {
                id: record.id.clone(),
                title: attrs.title,
                description: attrs.description,
                vault_type: super::vaults::vault_type(&record),
                active_item_count: record.active_item_count,
                content_version: record.content_version,
                attribute_version: record.attribute_version,
                created_at: timestamp(record.created_at),
                updated_at: timestamp(record.updated_at),
            });
            keys.insert(record.id, key);
        }
        Ok(VaultIndex { overviews, keys })
    }

    /// The active item a selector names: an id, or a title (case-insensitive) through the index.
    fn find_item(
        &self,
        vault: &Arc<VaultKey>,
        vault_id: &str,
        selector: &str,
    ) -> std::result::Result<Item, Failure> {
        let mut candidates: Vec<ItemRecord> = Vec::new();
        if is_valid_id(selector)
            && let Some(record) = self.store.item(vault_id, selector).map_err(store_error)?
        {
            candidates.push(record);
        }
        let index = op_crypto::blind_index(vault.index_key(), selector);
        for record in self
            .store
            .items_by_title_index(vault_id, &index)
            .map_err(store_error)?
        {
            if !candidates.iter().any(|c| c.id == record.id) {
                candidates.push(record);
            }
        }
        candidates.retain(|r| r.state == StoredState::Active);
        let newest = candidates
            .iter()
            .map(|r| r.key_generation)
            .max()
            .unwrap_or(0);
        let vault = &self.key_for_generation(vault, vault_id, newest)?;
        let overviews: Vec<ItemOverview> = candidates
            .iter()
            .map(|r| decode_overview(vault, &r.summary()))
            .collect::<Result<_>>()?;
        let chosen = select_item(&overviews, selector)?;
        let record = candidates
            .iter()
            .find(|r| r.id == chosen.id)
            .ok_or_else(|| MatchError::ItemNotFound(selector.to_owned()))?;
        Ok(self.decode_item(vault, record)?)
    }

    fn locate(
        &self,
        index: &VaultIndex,
        reference: &SecretReference<'_>,
    ) -> std::result::Result<(Arc<VaultKey>, String), Failure> {
        let vault = select_vault(&index.overviews, reference.vault)?;
        let cached = index
            .keys
            .get(&vault.id)
            .ok_or_else(|| MatchError::VaultNotFound(reference.vault.to_owned()))?;
        // The index caches names and keys, never permissions: the service layer decides on every
        // reference, so a revoked grant or principal stops resolution at once, also in clients
        // that were already open.
        let actor = self.actor()?;
        let view = match self.service.vault_access(&actor, &vault.id) {
            Ok(view) => view,
            Err(e) if e.reason == ErrorReason::NotFound => {
                return Err(MatchError::VaultNotFound(reference.vault.to_owned()).into());
            }
            Err(e) => return Err(Failure::Other(service_error(e))),
        };
        let key = Arc::new(VaultKey {
            material: Arc::clone(&cached.material),
            permissions: view.permissions,
        });
        op_service::require(&actor, &vault.id, key.permissions, REVEAL, "read secrets")
            .map_err(|e| Failure::Other(service_error(e)))?;
        Ok((key, vault.id.clone()))
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
            .locate(&index, &reference)
            .and_then(|(key, vault_id)| self.find_item(&key, &vault_id, reference.item))
            .and_then(|item| self.value_of(&index, &item, &reference));
        outcome.map_err(Failure::into_error)
    }

    /// `SecretsResolveAll`: each (vault, item) pair is looked up and decrypted once.
    pub(crate) fn resolve_all(&self, texts: &[String]) -> Result<ResolveAllResponse> {
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
                            self.locate(&index, &reference)
                                .and_then(|(vault, vault_id)| {
                                    self.find_item(&vault, &vault_id, reference.item)
                                })
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
