//! Record builders shared by the integration tests. Every test runs on a real file in a temp dir.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use op_store::{
    AccessRecord, AccessorType, GroupRecord, ItemRecord, ItemState, PrincipalKind, PrincipalRecord,
    PrincipalState, SqliteStore, VaultRecord,
};

pub const T0: i64 = 1_700_000_000_000_000;

pub fn open_temp() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("vault.db")).unwrap();
    (dir, store)
}

pub fn principal(id: &str, kind: PrincipalKind) -> PrincipalRecord {
    PrincipalRecord {
        id: id.into(),
        kind,
        name: format!("name of {id}"),
        public_key: vec![1; 32],
        sealed_private_key: vec![2; 72],
        unlock_params: br#"{"kdf":"argon2id"}"#.to_vec(),
        auth_hash: (kind == PrincipalKind::ServiceAccount).then(|| vec![3; 32]),
        state: PrincipalState::Active,
        created_by: None,
        created_at: T0,
        may_create_vaults: kind == PrincipalKind::Person,
    }
}

pub fn group(id: &str) -> GroupRecord {
    GroupRecord {
        id: id.into(),
        title: format!("group {id}"),
        description: String::new(),
        group_type: "userDefined".into(),
        state: "active".into(),
        public_key: vec![4; 32],
        created_at: T0,
        sealed_admin_key: None,
    }
}

pub fn vault(id: &str) -> VaultRecord {
    VaultRecord {
        id: id.into(),
        vault_type: "userCreated".into(),
        attrs: vec![5; 60],
        created_by: "owner".into(),
        content_version: 0,
        attribute_version: 1,
        active_item_count: 0,
        key_generation: 0,
        created_at: T0,
        updated_at: T0,
    }
}

pub fn grant(vault_id: &str, accessor_type: AccessorType, accessor_id: &str) -> AccessRecord {
    AccessRecord {
        vault_id: vault_id.into(),
        accessor_type,
        accessor_id: accessor_id.into(),
        permissions: 0x3FFF,
        sealed_vault_key: vec![6; 80],
    }
}

/// A 32-byte stand-in for the keyed blind index of a title.
pub fn title_index(n: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(32);
    let mut x = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    for _ in 0..4 {
        x ^= x >> 30;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 27;
        x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

pub fn item(vault_id: &str, id: &str, n: u64) -> ItemRecord {
    ItemRecord {
        vault_id: vault_id.into(),
        id: id.into(),
        version: 1,
        state: ItemState::Active,
        overview: vec![7; 120],
        details: vec![8; 400],
        title_index: title_index(n),
        created_at: T0 + i64::try_from(n).unwrap(),
        updated_at: T0 + i64::try_from(n).unwrap(),
        deleted_at: None,
        key_generation: 0,
    }
}

pub fn items(vault_id: &str, count: u64) -> Vec<ItemRecord> {
    (0..count)
        .map(|n| item(vault_id, &format!("item{n:06}"), n))
        .collect()
}
