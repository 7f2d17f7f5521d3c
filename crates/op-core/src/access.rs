//! Which vault permissions depend on which (the rules of 1Password's permission model).
//!
//! A permission that needs another cannot be granted alone: "edit items" is meaningless without
//! seeing the items and their concealed values. [`check_dependencies`] refuses such a set and names
//! every missing dependency; [`with_dependencies`] completes a set, for callers (like the CLI's
//! shorthands) that want the closure instead of an error. The table is documented in
//! `docs/permissions.md`.

use crate::wire::permissions::{
    ALL, ALL_BITS, ARCHIVE_ITEMS, CREATE_ITEMS, DELETE_ITEMS, EXPORT_ITEMS, IMPORT_ITEMS,
    PRINT_ITEMS, READ_ITEMS, REVEAL_ITEM_PASSWORD, SEND_ITEMS, UPDATE_ITEM_HISTORY, UPDATE_ITEMS,
};

const VIEW: u32 = READ_ITEMS;
const VIEW_AND_REVEAL: u32 = READ_ITEMS | REVEAL_ITEM_PASSWORD;
const HISTORY: u32 = VIEW_AND_REVEAL | UPDATE_ITEM_HISTORY;
const EDIT: u32 = HISTORY | UPDATE_ITEMS;

/// Each permission with every permission it needs (already closed: the needs of a need are listed).
/// `manage_vault` and `recover_vault` need nothing.
pub const DEPENDENCIES: [(u32, u32); 10] = [
    (CREATE_ITEMS, VIEW),
    (REVEAL_ITEM_PASSWORD, VIEW),
    (UPDATE_ITEM_HISTORY, VIEW_AND_REVEAL),
    (UPDATE_ITEMS, HISTORY),
    (ARCHIVE_ITEMS, EDIT),
    (DELETE_ITEMS, EDIT),
    (IMPORT_ITEMS, VIEW | CREATE_ITEMS),
    (EXPORT_ITEMS, HISTORY),
    (SEND_ITEMS, HISTORY),
    (PRINT_ITEMS, HISTORY),
];

/// A permission set that cannot be granted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermissionError {
    /// Bits outside the 13 defined flags.
    #[error(
        "permissions {bits:#x} contain undefined bits {undefined:#x}; use the constants of the SDK"
    )]
    UndefinedBits {
        /// The requested set.
        bits: u32,
        /// The bits that name no permission.
        undefined: u32,
    },
    /// Some permissions lack what they depend on.
    #[error("{}", describe_missing(.missing))]
    MissingDependencies {
        /// Each permission (name) with the names of the permissions it also needs.
        missing: Vec<(&'static str, Vec<&'static str>)>,
    },
}

fn describe_missing(missing: &[(&'static str, Vec<&'static str>)]) -> String {
    let parts: Vec<String> = missing
        .iter()
        .map(|(perm, needs)| format!("{perm} also needs {}", needs.join(", ")))
        .collect();
    format!(
        "some permissions cannot be granted without the permissions they depend on: {}; add them to the set",
        parts.join("; ")
    )
}

/// The snake_case names of the bits in `bits`, in the order of [`ALL`].
pub fn names(bits: u32) -> Vec<&'static str> {
    ALL.iter()
        .filter(|(_, bit)| bits & bit != 0)
        .map(|(name, _)| *name)
        .collect()
}

/// `bits` with everything its permissions depend on.
pub fn with_dependencies(bits: u32) -> u32 {
    DEPENDENCIES
        .iter()
        .filter(|(perm, _)| bits & perm != 0)
        .fold(bits, |acc, (_, needs)| acc | needs)
}

/// Accepts a permission set only if it uses defined bits and holds every dependency of each
/// permission in it. `0` (no access) is valid.
pub fn check_dependencies(bits: u32) -> Result<(), PermissionError> {
    let undefined = bits & !ALL_BITS;
    if undefined != 0 {
        return Err(PermissionError::UndefinedBits { bits, undefined });
    }
    let missing: Vec<(&'static str, Vec<&'static str>)> = DEPENDENCIES
        .iter()
        .filter(|(perm, needs)| bits & perm != 0 && bits & needs != *needs)
        .filter_map(|(perm, needs)| {
            let name = names(*perm).into_iter().next()?;
            Some((name, names(needs & !bits)))
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PermissionError::MissingDependencies { missing })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::permissions::{MANAGE_VAULT, RECOVER_VAULT};
    use proptest::prelude::*;

    #[test]
    fn the_table_is_closed_under_its_own_dependencies() {
        for (perm, needs) in DEPENDENCIES {
            assert_eq!(with_dependencies(needs), needs, "needs of {perm:#x}");
            assert_eq!(needs & perm, 0, "{perm:#x} depends on itself");
        }
    }

    #[test]
    fn independent_permissions_stand_alone() {
        for bits in [
            0,
            READ_ITEMS,
            MANAGE_VAULT,
            RECOVER_VAULT,
            MANAGE_VAULT | READ_ITEMS,
        ] {
            assert_eq!(check_dependencies(bits), Ok(()), "{bits:#x}");
        }
    }

    #[test]
    fn a_permission_without_its_dependencies_is_refused_with_names() {
        let err = check_dependencies(DELETE_ITEMS | READ_ITEMS).unwrap_err();
        assert_eq!(
            err,
            PermissionError::MissingDependencies {
                missing: vec![(
                    "delete_items",
                    vec![
                        "reveal_item_password",
                        "update_items",
                        "update_item_history"
                    ]
                )]
            }
        );
        assert!(err.to_string().contains("delete_items also needs"));
    }

    #[test]
    fn undefined_bits_are_refused() {
        assert!(matches!(
            check_dependencies(1 << 30),
            Err(PermissionError::UndefinedBits { .. })
        ));
    }

    proptest! {
        #[test]
        fn the_closure_of_any_set_is_grantable(bits in any::<u32>()) {
            let bits = bits & ALL_BITS;
            let closed = with_dependencies(bits);
            prop_assert_eq!(closed & bits, bits);
            prop_assert_eq!(check_dependencies(closed), Ok(()));
            prop_assert_eq!(check_dependencies(bits).is_ok(), closed == bits);
        }
    }
}
