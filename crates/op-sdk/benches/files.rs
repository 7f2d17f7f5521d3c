//! Large files: `attach_file` and `read_file` of a 40 MiB file, each against a baseline measured in the
//! same run: op_crypto sealing (resp. opening) the same bytes in the same 1 MiB chunks, with no store.
//! Also reports the peak Rust heap of each operation beyond the file itself.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use op_core::wire::{Bytes, FileCreateParams, ItemCreateParams, permissions as p};
use op_crypto::{Argon2Params, SymmetricKey};
use op_sdk::{Admin, Client};
use serde_json::json;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every method forwards to the system allocator unchanged and only updates counters.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            add(layout.size());
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
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
            add(new_size);
        }
        out
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1 << 20;
const SIZE: usize = 40 * MIB;
const ROUNDS: usize = 3;

fn reset_peak() -> usize {
    let now = CURRENT.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

fn mib_per_s(seconds: f64) -> f64 {
    (SIZE / MIB) as f64 / seconds
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("files.opkit");
    let account = Admin::create_account(&path, "Bench", "pw", Argon2Params::TESTING).unwrap();
    let vault = account.admin.create_vault("Files", "").unwrap().id;
    let all = p::READ_ITEMS
        | p::REVEAL_ITEM_PASSWORD
        | p::UPDATE_ITEM_HISTORY
        | p::CREATE_ITEMS
        | p::UPDATE_ITEMS;
    let (_, token) = account
        .admin
        .create_service_account("bench", &[(vault.clone(), all)])
        .unwrap();
    let client = rt
        .block_on(Client::authenticate(token.expose_secret(), "bench", "1.0"))
        .unwrap();
    let content: Vec<u8> = (0..SIZE)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();

    // Baseline: the same bytes sealed and opened in the same chunks, nothing stored.
    let key = SymmetricKey::generate().unwrap();
    let (mut seal_s, mut open_s) = (f64::MAX, f64::MAX);
    for _ in 0..ROUNDS {
        let t0 = Instant::now();
        let sealed: Vec<Vec<u8>> = content
            .chunks(MIB)
            .map(|c| op_crypto::encrypt(&key, c, b"aad").unwrap())
            .collect();
        seal_s = seal_s.min(t0.elapsed().as_secs_f64());
        let t0 = Instant::now();
        let mut out = Vec::with_capacity(SIZE);
        for c in &sealed {
            out.extend_from_slice(&op_crypto::decrypt(&key, c, b"aad").unwrap());
        }
        open_s = open_s.min(t0.elapsed().as_secs_f64());
        assert_eq!(out.len(), SIZE);
    }

    let (mut attach_s, mut read_s) = (f64::MAX, f64::MAX);
    let (mut attach_extra, mut read_peak) = (0, 0);
    for round in 0..ROUNDS {
        let params: ItemCreateParams = serde_json::from_value(json!({
            "category": "SecureNote", "vaultId": vault, "title": format!("image {round}")
        }))
        .unwrap();
        let item = rt.block_on(client.create_item(params)).unwrap();
        let file = FileCreateParams {
            name: "disk.img".into(),
            content: Bytes::new(content.clone()),
            section_id: String::new(),
            field_id: "disk".into(),
        };
        let base = reset_peak();
        let t0 = Instant::now();
        let item = rt.block_on(client.attach_file(item, file)).unwrap();
        attach_s = attach_s.min(t0.elapsed().as_secs_f64());
        attach_extra = attach_extra.max(PEAK.load(Ordering::Relaxed) - base);

        let attr = item.files[0].attributes.clone();
        let base = reset_peak();
        let t0 = Instant::now();
        let read = rt
            .block_on(client.read_file(vault.clone(), item.id.clone(), attr))
            .unwrap();
        read_s = read_s.min(t0.elapsed().as_secs_f64());
        read_peak = read_peak.max(PEAK.load(Ordering::Relaxed) - base);
        assert!(read.as_slice() == content.as_slice());
    }

    println!(
        "files/attach 40 MiB: {:.0} MiB/s; baseline op_crypto seal of the same chunks {:.0} MiB/s; ratio {:.2}x; \
         peak heap {:.1} MiB beyond the caller's copy",
        mib_per_s(attach_s),
        mib_per_s(seal_s),
        attach_s / seal_s,
        attach_extra as f64 / MIB as f64
    );
    println!(
        "files/read 40 MiB: {:.0} MiB/s; baseline op_crypto open of the same chunks {:.0} MiB/s; ratio {:.2}x; \
         peak heap {:.1} MiB including the returned file",
        mib_per_s(read_s),
        mib_per_s(open_s),
        read_s / open_s,
        read_peak as f64 / MIB as f64
    );
}
