//! The records a store keeps. Secrets arrive here already encrypted: every `Vec<u8>` is an opaque blob
//! whose format belongs to the SDK. `Debug` prints blobs as their length only.

use std::fmt;

/// Prints a blob as `<N bytes>`: ciphertext and key material never reach a log.
struct Blob<'a>(&'a [u8]);

impl fmt::Debug for Blob<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

/// Declares a fieldless enum stored as a fixed text spelling.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// The spelling stored in the file.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// Parses the stored spelling; `None` for anything else.
            pub fn from_stored(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

text_enum! {
    /// Whether a principal is a person or a service account.
    PrincipalKind {
        /// A person who unlocks with a password and account secret key.
        Person => "person",
        /// A service account that unlocks with its token.
        ServiceAccount => "serviceAccount",
    }
}

text_enum! {
    /// Whether a principal may still authenticate.
    PrincipalState {
        /// May authenticate.
        Active => "active",
        /// Refused; the record stays for the audit trail.
        Revoked => "revoked",
    }
}

text_enum! {
    /// Who a vault grant is for.
    AccessorType {
        /// A principal (person or service account).
        User => "user",
        /// A group: every member gets the grant through the group key.
        Group => "group",
    }
}

text_enum! {
    /// The life-cycle state of an item.
    ItemState {
        /// Listed and resolvable by references.
        Active => "active",
        /// Kept out of references and default lists.
        Archived => "archived",
        /// In Recently Deleted until purged.
        Deleted => "deleted",
    }
}

/// The account a store file belongs to (one per file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    /// Account id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Creation time, unix microseconds.
    pub created_at: i64,
}

/// A person or service account with its sealed key pair.
#[derive(Clone, PartialEq, Eq)]
pub struct PrincipalRecord {
    /// Principal id.
    pub id: String,
    /// Person or service account.
    pub kind: PrincipalKind,
    /// Display name.
    pub name: String,
    /// Public key (X25519).
    pub public_key: Vec<u8>,
    /// Private key sealed under the principal's unlock key.
    pub sealed_private_key: Vec<u8>,
    /// Salt and KDF parameters (JSON chosen by the SDK), opaque here.
    pub unlock_params: Vec<u8>,
    /// Service accounts: hash of the token's auth key.
    pub auth_hash: Option<Vec<u8>>,
    /// Active or revoked.
    pub state: PrincipalState,
    /// The principal that created this one, if any.
    pub created_by: Option<String>,
    /// Creation time, unix microseconds.
    pub created_at: i64,
    /// The account-level right to create vaults (the owner has it; a read-only service account
    /// does not).
    pub may_create_vaults: bool,
}

impl fmt::Debug for PrincipalRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrincipalRecord")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("public_key", &Blob(&self.public_key))
            .field("sealed_private_key", &Blob(&self.sealed_private_key))
            .field("unlock_params", &Blob(&self.unlock_params))
            .field("auth_hash", &self.auth_hash.as_deref().map(Blob))
            .field("state", &self.state)
            .field("created_by", &self.created_by)
            .field("created_at", &self.created_at)
            .field("may_create_vaults", &self.may_create_vaults)
            .finish()
    }
}

/// A group: its own key pair, whose private key is sealed to each member.
#[derive(Clone, PartialEq, Eq)]
pub struct GroupRecord {
    /// Group id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Wire spelling of the group type (e.g. "owners", "userDefined").
    pub group_type: String,
    /// Wire spelling of the state ("active" or "deleted").
    pub state: String,
    /// The group's public key.
    pub public_key: Vec<u8>,
    /// The group's private key sealed to the Administrators group, so administrators can add members;
    /// `None` for the Administrators group itself (its members hold its key).
    pub sealed_admin_key: Option<Vec<u8>>,
    /// Creation time, unix microseconds.
    pub created_at: i64,
}

impl fmt::Debug for GroupRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupRecord")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("description", &self.description)
            .field("group_type", &self.group_type)
            .field("state", &self.state)
            .field("public_key", &Blob(&self.public_key))
            .field(
                "sealed_admin_key",
                &self.sealed_admin_key.as_deref().map(Blob),
            )
            .field("created_at", &self.created_at)
            .finish()
    }
}

/// A vault: encrypted attributes plus the counters clients use to notice changes.
#[derive(Clone, PartialEq, Eq)]
pub struct VaultRecord {
    /// Vault id.
    pub id: String,
    /// Wire spelling of the vault type.
    pub vault_type: String,
    /// Encrypted title and description.
    pub attrs: Vec<u8>,
    /// The principal that created the vault.
    pub created_by: String,
    /// Bumped by every item change.
    pub content_version: u32,
    /// Bumped by every attribute change.
    pub attribute_version: u32,
    /// Number of items in state active.
    pub active_item_count: u32,
    /// Which vault key encrypts new item versions: bumped by every key rotation.
    pub key_generation: u32,
    /// Creation time, unix microseconds.
    pub created_at: i64,
    /// Last change, unix microseconds.
    pub updated_at: i64,
}

impl fmt::Debug for VaultRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultRecord")
            .field("id", &self.id)
            .field("vault_type", &self.vault_type)
            .field("attrs", &Blob(&self.attrs))
            .field("created_by", &self.created_by)
            .field("content_version", &self.content_version)
            .field("attribute_version", &self.attribute_version)
            .field("active_item_count", &self.active_item_count)
            .field("key_generation", &self.key_generation)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

/// A grant: the vault key sealed to a principal's or group's public key, with permission bits.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessRecord {
    /// The vault.
    pub vault_id: String,
    /// User or group.
    pub accessor_type: AccessorType,
    /// Principal or group id.
    pub accessor_id: String,
    /// The protocol's permission bits.
    pub permissions: u32,
    /// The vault key sealed to the accessor's public key.
    pub sealed_vault_key: Vec<u8>,
}

impl fmt::Debug for AccessRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessRecord")
            .field("vault_id", &self.vault_id)
            .field("accessor_type", &self.accessor_type)
            .field("accessor_id", &self.accessor_id)
            .field("permissions", &self.permissions)
            .field("sealed_vault_key", &Blob(&self.sealed_vault_key))
            .finish()
    }
}

/// An item: encrypted overview and details plus a blind index of its title.
#[derive(Clone, PartialEq, Eq)]
pub struct ItemRecord {
    /// The vault holding the item.
    pub vault_id: String,
    /// Item id (unique within the vault).
    pub id: String,
    /// Version, bound into the ciphertext by the SDK.
    pub version: u32,
    /// Active, archived or deleted.
    pub state: ItemState,
    /// Encrypted overview (title, category, websites, tags).
    pub overview: Vec<u8>,
    /// Encrypted details (fields, sections, notes, file attributes).
    pub details: Vec<u8>,
    /// Keyed blind index of the normalised title (32 bytes), for lookup by title without decrypting.
    pub title_index: Vec<u8>,
    /// The generation of the vault key that encrypted this version.
    pub key_generation: u32,
    /// Creation time, unix microseconds.
    pub created_at: i64,
    /// Last change, unix microseconds.
    pub updated_at: i64,
    /// When the item was deleted; set exactly when `state` is `Deleted`.
    pub deleted_at: Option<i64>,
}

impl fmt::Debug for ItemRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemRecord")
            .field("vault_id", &self.vault_id)
            .field("id", &self.id)
            .field("version", &self.version)
            .field("state", &self.state)
            .field("overview", &Blob(&self.overview))
            .field("details", &Blob(&self.details))
            .field("title_index", &Blob(&self.title_index))
            .field("key_generation", &self.key_generation)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .field("deleted_at", &self.deleted_at)
            .finish()
    }
}

/// An item without its details: what a list needs.
#[derive(Clone, PartialEq, Eq)]
pub struct ItemSummary {
    /// The vault holding the item.
    pub vault_id: String,
    /// Item id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Active, archived or deleted.
    pub state: ItemState,
    /// Encrypted overview.
    pub overview: Vec<u8>,
    /// Keyed blind index of the title.
    pub title_index: Vec<u8>,
    /// The generation of the vault key that encrypted this version.
    pub key_generation: u32,
    /// Creation time, unix microseconds.
    pub created_at: i64,
    /// Last change, unix microseconds.
    pub updated_at: i64,
}

impl ItemRecord {
    /// The same item without its details, as a list returns it.
    pub fn summary(&self) -> ItemSummary {
        ItemSummary {
            vault_id: self.vault_id.clone(),
            id: self.id.clone(),
            version: self.version,
            state: self.state,
            overview: self.overview.clone(),
            title_index: self.title_index.clone(),
            key_generation: self.key_generation,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

impl fmt::Debug for ItemSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemSummary")
            .field("vault_id", &self.vault_id)
            .field("id", &self.id)
            .field("version", &self.version)
            .field("state", &self.state)
            .field("overview", &Blob(&self.overview))
            .field("title_index", &Blob(&self.title_index))
            .field("key_generation", &self.key_generation)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

/// One audit trail entry: only ids, action names and permission bits, never a title or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Assigned by the store; increases with every event.
    pub id: i64,
    /// When, unix microseconds.
    pub at: i64,
    /// Who.
    pub principal_id: String,
    /// What (e.g. "item.create").
    pub action: String,
    /// The vault concerned, if any.
    pub vault_id: Option<String>,
    /// The item concerned, if any.
    pub item_id: Option<String>,
    /// The other record concerned, if any (a group, principal, Environment or grant, by id).
    pub subject: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_blob_lengths_only() {
        let item = ItemRecord {
            vault_id: "v".into(),
            id: "i".into(),
            version: 1,
            state: ItemState::Active,
            overview: b"secret-overview".to_vec(),
            details: vec![0x41; 300],
            title_index: vec![7; 32],
            key_generation: 0,
            created_at: 1,
            updated_at: 2,
            deleted_at: None,
        };
        let text = format!("{item:?}");
        assert!(
            text.contains("<15 bytes>")
                && text.contains("<300 bytes>")
                && text.contains("<32 bytes>")
        );
        assert!(!text.contains("secret") && !text.contains("65, 65"));

        let principal = PrincipalRecord {
            id: "p".into(),
            kind: PrincipalKind::ServiceAccount,
            name: "ci".into(),
            public_key: vec![1; 32],
            sealed_private_key: b"sealed-private".to_vec(),
            unlock_params: b"{\"salt\":1}".to_vec(),
            auth_hash: Some(vec![9; 32]),
            state: PrincipalState::Active,
            created_by: None,
            created_at: 0,
            may_create_vaults: false,
        };
        let text = format!("{principal:?}");
        assert!(
            text.contains("Some(<32 bytes>)")
                && !text.contains("sealed-private")
                && !text.contains("salt")
        );
    }

    #[test]
    fn stored_spellings_round_trip() {
        for state in [ItemState::Active, ItemState::Archived, ItemState::Deleted] {
            assert_eq!(ItemState::from_stored(state.as_str()), Some(state));
        }
        for kind in [PrincipalKind::Person, PrincipalKind::ServiceAccount] {
            assert_eq!(PrincipalKind::from_stored(kind.as_str()), Some(kind));
        }
        for t in [AccessorType::User, AccessorType::Group] {
            assert_eq!(AccessorType::from_stored(t.as_str()), Some(t));
        }
        for s in [PrincipalState::Active, PrincipalState::Revoked] {
            assert_eq!(PrincipalState::from_stored(s.as_str()), Some(s));
        }
        assert_eq!(ItemState::from_stored("Active"), None);
    }
}

/// A new key for a vault, replacing the old one for every remaining accessor, in one transaction.
#[derive(Clone, PartialEq, Eq)]
pub struct VaultKeyRotation {
    /// The vault.
    pub vault_id: String,
    /// The generation the rotation was computed from; the write fails with `VersionConflict` if the
    /// vault moved on meanwhile (someone else rotated).
    pub from_generation: u32,
    /// The vault's attributes re-encrypted under the new key.
    pub attrs: Vec<u8>,
    /// Every older generation's key wrapped under the new key: `(generation, wrapped key)`.
    pub history: Vec<(u32, Vec<u8>)>,
    /// The vault's complete new set of grants (each sealing the new key); it replaces the old set.
    pub access: Vec<AccessRecord>,
}

impl fmt::Debug for VaultKeyRotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultKeyRotation")
            .field("vault_id", &self.vault_id)
            .field("from_generation", &self.from_generation)
            .field("history", &self.history.len())
            .field("access", &self.access)
            .finish()
    }
}

/// A group's new key pair: its public key, and the private key sealed to each remaining member.
#[derive(Clone, PartialEq, Eq)]
pub struct GroupRekey {
    /// The group.
    pub group_id: String,
    /// The new public key.
    pub public_key: Vec<u8>,
    /// The new private key sealed to the Administrators group (see [`GroupRecord::sealed_admin_key`]).
    pub sealed_admin_key: Option<Vec<u8>>,
    /// The complete new membership: `(principal id, sealed new private key)`; it replaces the old one.
    pub members: Vec<(String, Vec<u8>)>,
    /// The membership the re-key was computed from (principal ids, any order). The store refuses
    /// the re-key with `MembershipChanged` unless the group has exactly these members when it
    /// applies it, so a member added meanwhile is never silently dropped.
    pub replaces: Vec<String>,
}

impl fmt::Debug for GroupRekey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let members: Vec<&str> = self.members.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("GroupRekey")
            .field("group_id", &self.group_id)
            .field("members", &members)
            .finish()
    }
}

/// Changes of keys and grants that must land together, in one transaction: a member leaving a
/// group re-keys the group and every vault the group could open; a bulk grant or permission update
/// writes every row or none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccessChanges {
    /// Groups with a new key pair and membership.
    pub groups: Vec<GroupRekey>,
    /// Vaults with a new key.
    pub vaults: Vec<VaultKeyRotation>,
    /// Environments with a new key (and content re-encrypted under it).
    pub environments: Vec<EnvironmentRekey>,
    /// Vault grants inserted or replaced without a new key. A vault may not also be rotated in the
    /// same changes (the rotation carries its complete new set of grants).
    pub grants: Vec<NewGrant>,
    /// Vault grants removed without a new key (nobody left who could re-key the vault).
    pub removed_grants: Vec<GrantRef>,
    /// Environment grants inserted or replaced.
    pub environment_grants: Vec<EnvironmentAccessRecord>,
    /// Environment grants removed without a new key.
    pub removed_environment_grants: Vec<GrantRef>,
}

/// A vault grant with the key generation its sealed key belongs to: the write fails with
/// `KeyRotated` if the vault was re-keyed since, so nobody is handed a key that no longer opens
/// new versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewGrant {
    /// The grant.
    pub access: AccessRecord,
    /// The generation of the vault key sealed in it.
    pub key_generation: u32,
}

/// Which grant: on a vault or Environment (`target_id`), to a principal or group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRef {
    /// The vault or Environment.
    pub target_id: String,
    /// User or group.
    pub accessor_type: AccessorType,
    /// Principal or group id.
    pub accessor_id: String,
}

/// An Environment: named variables encrypted under the Environment's own key.
#[derive(Clone, PartialEq, Eq)]
pub struct EnvironmentRecord {
    /// Environment id.
    pub id: String,
    /// Encrypted name and variables.
    pub content: Vec<u8>,
    /// Bumped by every change; bound into the ciphertext.
    pub version: u32,
    /// The principal that created it.
    pub created_by: String,
    /// Creation time, unix microseconds.
    pub created_at: i64,
    /// Last change, unix microseconds.
    pub updated_at: i64,
}

impl fmt::Debug for EnvironmentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvironmentRecord")
            .field("id", &self.id)
            .field("content", &Blob(&self.content))
            .field("version", &self.version)
            .field("created_by", &self.created_by)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

/// A grant on an Environment: its key sealed to a principal or group, with permission bits.
#[derive(Clone, PartialEq, Eq)]
pub struct EnvironmentAccessRecord {
    /// The Environment.
    pub environment_id: String,
    /// User or group.
    pub accessor_type: AccessorType,
    /// Principal or group id.
    pub accessor_id: String,
    /// Environment permission bits (read, write, manage).
    pub permissions: u32,
    /// The Environment key sealed to the accessor.
    pub sealed_key: Vec<u8>,
}

impl fmt::Debug for EnvironmentAccessRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvironmentAccessRecord")
            .field("environment_id", &self.environment_id)
            .field("accessor_type", &self.accessor_type)
            .field("accessor_id", &self.accessor_id)
            .field("permissions", &self.permissions)
            .field("sealed_key", &Blob(&self.sealed_key))
            .finish()
    }
}

/// An Environment's new key: its content re-encrypted and its complete new set of grants.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EnvironmentRekey {
    /// The Environment with its re-encrypted content; `version` must be one more than the stored one.
    pub environment: EnvironmentRecord,
    /// Replaces every grant on the Environment.
    pub access: Vec<EnvironmentAccessRecord>,
}
