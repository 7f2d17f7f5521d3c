//! Opening the local vault file: the one place the backend's constructors get their store from.

use std::path::Path;
use std::sync::Arc;

use op_store::{SqliteStore, Store};

use super::store_error;
use crate::error::{Error, Result};

/// Opens an existing vault file, with a clear error when it is missing.
pub(crate) fn open_store(path: &Path) -> Result<Arc<dyn Store>> {
    match SqliteStore::open_existing(path) {
        Ok(store) => Ok(Arc::new(store)),
        Err(op_store::StoreError::NotFound { .. }) => {
            Err(Error::InvalidConfiguration(vec![format!(
                "no opkit vault file at {} (named by the token); check the path or create one with `opkit account create`",
                path.display()
            )]))
        }
        Err(other) => Err(store_error(other)),
    }
}
