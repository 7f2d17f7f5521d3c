//! Store costs against baselines measured in the same run.
//!
//! - Point reads by id and by blind title index in a vault of 100 items against one of 100,000 items
//!   (goal: the large vault within 1.5x of the small one: the lookups are indexed).
//! - `insert_items` of 1,000 items in one call against 1,000 raw single-row `INSERT`s of the same blob
//!   sizes in one transaction on the same kind of file (goal: within 1.5x: the store adds little).
//! - Reads from two threads at once against one thread (WAL readers run in parallel; this machine has two
//!   shared cores, so read the number as "does it scale at all").

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Criterion;
use op_store::{ItemRecord, ItemState, SqliteStore, Store, VaultRecord};

const SMALL: u64 = 100;
const LARGE: u64 = 100_000;
const BATCH: u64 = 1_000;
const OVERVIEW_BYTES: usize = 120;
const DETAILS_BYTES: usize = 400;

fn title_index(n: u64) -> Vec<u8> {
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

fn vault(id: &str) -> VaultRecord {
    VaultRecord {
        id: id.into(),
        vault_type: "userCreated".into(),
        attrs: vec![1; 64],
        created_by: "owner".into(),
        content_version: 0,
        attribute_version: 1,
        active_item_count: 0,
        key_generation: 0,
        created_at: 0,
        updated_at: 0,
    }
}

fn item(vault_id: &str, n: u64) -> ItemRecord {
    ItemRecord {
        vault_id: vault_id.into(),
        id: format!("item{n:08}"),
        version: 1,
        state: ItemState::Active,
        overview: vec![2; OVERVIEW_BYTES],
        details: vec![3; DETAILS_BYTES],
        title_index: title_index(n),
        key_generation: 0,
        created_at: n as i64,
        updated_at: n as i64,
        deleted_at: None,
    }
}

fn filled(dir: &Path, count: u64) -> Result<SqliteStore, op_store::StoreError> {
    let store = SqliteStore::open(dir.join(format!("items-{count}.db")))?;
    store.create_vault(&vault("v"), &[])?;
    let records: Vec<ItemRecord> = (0..count).map(|n| item("v", n)).collect();
    store.insert_items("v", &records, Vec::new(), 0)?;
    Ok(store)
}

/// The n-th probe of a sequence that visits items spread over the whole vault.
fn probe(n: u64, count: u64) -> u64 {
    n.wrapping_mul(7_919) % count
}

fn read_by_id(store: &SqliteStore, count: u64, n: u64) -> usize {
    let id = format!("item{:08}", probe(n, count));
    store
        .item("v", &id)
        .ok()
        .flatten()
        .map_or(0, |r| r.details.len())
}

fn read_by_title(store: &SqliteStore, count: u64, n: u64) -> usize {
    let index = title_index(probe(n, count));
    store
        .items_by_title_index("v", &index)
        .map_or(0, |r| r.len())
}

/// Inserts one batch through the store into a fresh vault; only the insert is timed.
struct Inserts {
    store: SqliteStore,
    raw: rusqlite::Connection,
    round: u64,
    batch: Vec<ItemRecord>,
}

impl Inserts {
    fn new(dir: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let path = dir.join("inserts.db");
        let store = SqliteStore::open(&path)?;
        // The baseline writes the same table of the same file with the same durability settings.
        let raw = rusqlite::Connection::open(&path)?;
        raw.pragma_update(None, "synchronous", "FULL")?;
        Ok(Self {
            store,
            raw,
            round: 0,
            batch: Vec::new(),
        })
    }

    fn prepare(&mut self) -> Result<String, Box<dyn std::error::Error>> {
        self.round += 1;
        let vault_id = format!("v{}", self.round);
        self.store.create_vault(&vault(&vault_id), &[])?;
        self.batch = (0..BATCH).map(|n| item(&vault_id, n)).collect();
        Ok(vault_id)
    }

    fn clean(&self, vault_id: &str) -> Result<(), op_store::StoreError> {
        self.store.delete_vault(vault_id)
    }

    fn timed_store(&mut self) -> Result<Duration, Box<dyn std::error::Error>> {
        let vault_id = self.prepare()?;
        let start = Instant::now();
        self.store
            .insert_items(&vault_id, &self.batch, Vec::new(), 0)?;
        let took = start.elapsed();
        self.clean(&vault_id)?;
        Ok(took)
    }

    fn timed_raw(&mut self) -> Result<Duration, Box<dyn std::error::Error>> {
        let vault_id = self.prepare()?;
        let start = Instant::now();
        let tx = self.raw.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO items (vault_id, id, version, state, overview, details, title_index, \
                 created_at, updated_at, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for r in &self.batch {
                insert.execute(rusqlite::params![
                    r.vault_id,
                    r.id,
                    r.version,
                    r.state.as_str(),
                    r.overview,
                    r.details,
                    r.title_index,
                    r.created_at,
                    r.updated_at,
                    r.deleted_at
                ])?;
            }
        }
        tx.commit()?;
        let took = start.elapsed();
        self.clean(&vault_id)?;
        Ok(took)
    }
}

fn mean_ns(rounds: u64, mut f: impl FnMut(u64) -> usize) -> f64 {
    let start = Instant::now();
    for n in 0..rounds {
        black_box(f(n));
    }
    start.elapsed().as_nanos() as f64 / rounds as f64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let setup = Instant::now();
    let small = filled(dir.path(), SMALL)?;
    let large = filled(dir.path(), LARGE)?;
    let mut inserts = Inserts::new(dir.path())?;
    println!(
        "setup (100 + 100,000 items): {:.1} s",
        setup.elapsed().as_secs_f64()
    );

    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = c.benchmark_group("store");
        let mut n = 0;
        group.bench_function("item_by_id_100", |b| {
            b.iter(|| {
                n += 1;
                read_by_id(&small, SMALL, n)
            })
        });
        group.bench_function("item_by_id_100k", |b| {
            b.iter(|| {
                n += 1;
                read_by_id(&large, LARGE, n)
            })
        });
        group.bench_function("item_by_title_index_100", |b| {
            b.iter(|| {
                n += 1;
                read_by_title(&small, SMALL, n)
            })
        });
        group.bench_function("item_by_title_index_100k", |b| {
            b.iter(|| {
                n += 1;
                read_by_title(&large, LARGE, n)
            })
        });
        group.bench_function("baseline_raw_inserts_1000", |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| inserts.timed_raw().unwrap_or(Duration::MAX))
                    .sum()
            })
        });
        group.bench_function("insert_items_1000", |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| inserts.timed_store().unwrap_or(Duration::MAX))
                    .sum()
            })
        });
        group.finish();
    }
    c.final_summary();

    // Ratios: best of several interleaved rounds, the machine is shared and noisy.
    const READS: u64 = 20_000;
    let (mut id_small, mut id_large, mut title_small, mut title_large) =
        (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..5 {
        id_small = id_small.min(mean_ns(READS, |n| read_by_id(&small, SMALL, n)));
        id_large = id_large.min(mean_ns(READS, |n| read_by_id(&large, LARGE, n)));
        title_small = title_small.min(mean_ns(READS, |n| read_by_title(&small, SMALL, n)));
        title_large = title_large.min(mean_ns(READS, |n| read_by_title(&large, LARGE, n)));
    }
    println!("item by id: {id_small:.0} ns/op with 100 items, {id_large:.0} ns/op with 100,000");
    println!(
        "ratio item by id 100k / 100: {:.2}x (goal <= 1.5x)",
        id_large / id_small
    );
    println!(
        "item by title index: {title_small:.0} ns/op with 100 items, {title_large:.0} ns/op with 100,000"
    );
    println!(
        "ratio item by title index 100k / 100: {:.2}x (goal <= 1.5x)",
        title_large / title_small
    );

    let (mut store_ns, mut raw_ns) = (f64::MAX, f64::MAX);
    for _ in 0..10 {
        raw_ns = raw_ns.min(inserts.timed_raw()?.as_nanos() as f64);
        store_ns = store_ns.min(inserts.timed_store()?.as_nanos() as f64);
    }
    println!(
        "insert 1,000 items: insert_items {:.0} ns/item, raw single-row inserts {:.0} ns/item",
        store_ns / BATCH as f64,
        raw_ns / BATCH as f64
    );
    println!(
        "ratio insert_items / raw inserts: {:.2}x (goal <= 1.5x)",
        store_ns / raw_ns
    );

    // Parallel reads: the same number of point reads on one thread, then split over two.
    let one_thread = mean_ns(READS, |n| read_by_id(&large, LARGE, n));
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..2_u64 {
            let large = &large;
            s.spawn(move || {
                for n in 0..READS / 2 {
                    black_box(read_by_id(large, LARGE, n * 2 + t));
                }
            });
        }
    });
    let two_threads = start.elapsed().as_nanos() as f64 / READS as f64;
    println!(
        "parallel reads: {one_thread:.0} ns/op on one thread, {two_threads:.0} ns/op on two (speedup {:.2}x, 2 shared cores)",
        one_thread / two_threads
    );
    Ok(())
}
