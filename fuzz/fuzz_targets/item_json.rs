//! Arbitrary bytes as item JSON: parsing never panics, whatever parses survives a round trip
//! unchanged, and validation of it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_core::validate::{NoLookup, validate_create, validate_item};
use op_core::wire::{Item, ItemCreateParams};

fuzz_target!(|data: &[u8]| {
    if let Ok(item) = serde_json::from_slice::<Item>(data) {
        let json = serde_json::to_vec(&item).expect("an item always serialises");
        let again: Item = serde_json::from_slice(&json).expect("what we write we read");
        assert_eq!(again, item);
        let _ = validate_item(&item, Some(&item), &NoLookup);
        let _ = validate_item(&item, None, &NoLookup);
    }
    if let Ok(params) = serde_json::from_slice::<ItemCreateParams>(data) {
        let _ = validate_create(&params, &NoLookup);
    }
});
