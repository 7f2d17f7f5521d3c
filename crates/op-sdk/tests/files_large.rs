#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A 40 MiB file round trip on a real vault file, with the peak memory of each step.
//!
//! Alone in its own test binary so that the counting allocator and the process's peak RSS (VmHWM)
//! see this test only. Rust heap figures are exact (every allocation goes through the counter);
//! VmHWM adds SQLite's page cache and everything else in the process.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use op_core::wire::{Bytes, FileCreateParams, ItemCreateParams, permissions as p};
use op_crypto::Argon2Params;
use op_sdk::{Admin, Client};
use serde_json::json;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to the system allocator unchanged and only updates counters.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        if !out.is_null() {
            let now = if new_size >= layout.size() {
                CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size())
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed)
                    - (layout.size() - new_size)
            };
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        out
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1 << 20;
const SIZE: usize = 40 * MIB;

/// Restarts peak tracking; returns the heap in use now.
fn reset_peak() -> usize {
    let now = CURRENT.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

fn vm_hwm_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Deterministic, incompressible-looking content, regenerated for the comparison instead of kept.
fn byte(i: usize) -> u8 {
    let x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> 56) as u8 ^ (i as u8)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / MIB as f64
}

#[tokio::test(flavor = "multi_thread")]
async fn a_40_mib_file_round_trips_holding_it_in_memory_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let vault = account.admin.create_vault("Big", "").unwrap().id;
    let all = p::READ_ITEMS
        | p::REVEAL_ITEM_PASSWORD
        | p::UPDATE_ITEM_HISTORY
        | p::CREATE_ITEMS
        | p::UPDATE_ITEMS;
    let (_, token) = account
        .admin
        .create_service_account("big", &[(vault.clone(), all)])
        .unwrap();
    let client = Client::authenticate(token.expose_secret(), "files", "1.0")
        .await
        .unwrap();
    let params: ItemCreateParams = serde_json::from_value(json!({
        "category": "SecureNote", "vaultId": vault, "title": "Disk image"
    }))
    .unwrap();
    let item = client.create_item(params).await.unwrap();

    let content: Vec<u8> = (0..SIZE).map(byte).collect();
    let base = reset_peak();
    let t0 = Instant::now();
    let item = client
        .attach_file(
            item,
            FileCreateParams {
                name: "disk.img".into(),
                content: Bytes::new(content),
                section_id: String::new(),
                field_id: "disk".into(),
            },
        )
        .await
        .unwrap();
    let attach_s = t0.elapsed().as_secs_f64();
    // `base` includes the caller's 40 MiB: this is what attaching adds on top of the file.
    let attach_extra = PEAK.load(Ordering::Relaxed) - base;

    let attr = item.files[0].attributes.clone();
    assert_eq!(attr.size as usize, SIZE);
    let base = reset_peak();
    let t0 = Instant::now();
    let read = client
        .read_file(vault.clone(), item.id.clone(), attr)
        .await
        .unwrap();
    let read_s = t0.elapsed().as_secs_f64();
    let read_peak = PEAK.load(Ordering::Relaxed) - base;
    assert_eq!(read.len(), SIZE);
    let first_difference = read
        .as_slice()
        .iter()
        .enumerate()
        .position(|(i, b)| *b != byte(i));
    assert_eq!(first_difference, None);

    println!(
        "40 MiB round trip: attach {:.0} MiB/s, peak Rust heap {:.1} MiB above the caller's copy; \
         read {:.0} MiB/s, peak Rust heap {:.1} MiB (the returned file included); process VmHWM {:.0} MiB",
        mib(SIZE) / attach_s,
        mib(attach_extra),
        mib(SIZE) / read_s,
        mib(read_peak),
        vm_hwm_mib()
    );
    // About one file plus a chunk, not three or four copies: a few chunks of slack for the
    // ciphertext, SQLite's copy of the blob being bound, and the item itself.
    assert!(
        attach_extra < 8 * MIB,
        "attaching held {:.1} MiB beyond the file",
        mib(attach_extra)
    );
    assert!(
        read_peak < SIZE + 8 * MIB,
        "reading held {:.1} MiB for a 40 MiB file",
        mib(read_peak)
    );
}
