//! The client side of the backend seam: it holds the opened keys, does every encode and decode
//! through [`crate::codec`], and asks the [`Backend`] for ciphertext, one intent per call.
//!
//! Nothing here reads a store or decides a permission: the backend authorizes each call, and a
//! remote backend can replace the local one without this module changing.

mod access;
pub(crate) mod account;
mod audit;
mod environment_access;
mod environments;
mod file_changes;
mod files;
pub(crate) mod group_admin;
mod groups;
mod item_changes;
mod items;
pub(crate) mod keyring;
mod rekeys;
pub(crate) mod rotation;
mod secrets;
mod service_accounts;
pub(crate) mod unlock;
mod vaults;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use op_core::wire::VaultOverview;
use op_crypto::KeyPair;

use crate::backend::Backend;
use crate::codec::keys::VaultKey;
use keyring::Keyring;

/// How long resolution trusts its cached list of vault names before listing vaults again. A name
/// that does not match refreshes the list at once, so only a renamed vault's *old* name can keep
/// resolving, for at most this long.
const VAULT_INDEX_TTL: Duration = Duration::from_secs(2);

/// The vaults of a client with decrypted names, for matching references.
struct VaultIndex {
    overviews: Vec<VaultOverview>,
    keys: HashMap<String, Arc<VaultKey>>,
}

/// One principal's client over a backend.
pub(crate) struct VaultClient {
    backend: Arc<dyn Backend>,
    keyring: Keyring,
    /// Items fetched and decrypted for resolution (to prove each item is read once per batch).
    items_read: AtomicU64,
    /// Decrypted vault names for resolution, refreshed after [`VAULT_INDEX_TTL`] or on a miss.
    vault_index: Mutex<Option<(Instant, Arc<VaultIndex>)>>,
}

impl VaultClient {
    /// A client acting as `principal_id`, whose unlocked key pair is `keypair`, over `backend`.
    pub(crate) fn new(backend: Arc<dyn Backend>, principal_id: String, keypair: KeyPair) -> Self {
        Self {
            keyring: Keyring::new(Arc::clone(&backend), principal_id, keypair),
            backend,
            items_read: AtomicU64::new(0),
            vault_index: Mutex::new(None),
        }
    }

    pub(crate) fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// How many items were fetched and decrypted to resolve references.
    pub(crate) fn items_read(&self) -> u64 {
        self.items_read.load(Ordering::Relaxed)
    }
}
