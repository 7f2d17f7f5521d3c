// opkit against the official @1password/sdk@0.5.0, measured in the same run (ratios, never
// absolute thresholds). Both packages are installed into OPKIT_BENCH_DIR (under target/), opkit
// from `npm pack` of this folder, so what is measured is what a user installs.
// Run through `cargo xtask bench` (it builds the release addon first).
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const { lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const packageDir = path.join(__dirname, "..");
const work = process.env.OPKIT_BENCH_DIR || path.join(packageDir, "..", "..", "target", "op-node-bench");
const OFFICIAL = "@1password/sdk@0.5.0";

function install() {
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "opkit-bench", private: true }));
  for (const f of readdirSync(work).filter((f) => f.endsWith(".tgz"))) {
    rmSync(path.join(work, f));
  }
  execFileSync("npm", ["pack", "--pack-destination", work], { cwd: packageDir, stdio: "ignore" });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz")) ?? "";
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", OFFICIAL, `./${tarball}`], {
    cwd: work,
    stdio: "ignore",
  });
}

/** @param {string} dir */
function du(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = lstatSync(p);
    total += st.isDirectory() ? du(p) : st.size;
  }
  return total;
}

/** Calls per second of `fn`, after a warm-up, over about `ms` milliseconds. @param {() => unknown} fn */
function perCallMicros(fn, ms = 600) {
  for (let i = 0; i < 200; i++) fn();
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / 1000 / calls;
}

/** Median of `runs` fresh processes requiring `what` (or nothing): require ms and RSS MiB. @param {string | null} what */
function freshLoad(what, runs = 7) {
  const script = what
    ? `const t=process.hrtime.bigint();require(${JSON.stringify(what)});const ms=Number(process.hrtime.bigint()-t)/1e6;console.log(JSON.stringify({ms,rss:process.memoryUsage().rss}))`
    : `console.log(JSON.stringify({ms:0,rss:process.memoryUsage().rss}))`;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, ["-e", script], { cwd: work, encoding: "utf8" });
    samples.push(JSON.parse(out.stdout));
  }
  /** @param {number[]} xs */
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(samples.map((s) => s.ms)), rss: median(samples.map((s) => s.rss)) / 2 ** 20 };
}

/**
 * Milliseconds for 1,000 concurrent resolves (best of 5) in a fresh process pinned to `cpus`
 * CPUs with `taskset`: the core's worker and blocking threads get one core or two.
 * @param {number} cpus @param {string} token @param {string} ref
 */
function concurrentResolves(cpus, token, ref) {
  const script = `
    const opkit = require("opkit");
    (async () => {
      const client = await opkit.createClient({ auth: process.env.TOKEN, integrationName: "bench", integrationVersion: "1" });
      const ref = process.env.REF;
      await Promise.all(Array.from({ length: 200 }, () => client.secrets.resolve(ref)));
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const t = process.hrtime.bigint();
        await Promise.all(Array.from({ length: 1000 }, () => client.secrets.resolve(ref)));
        best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
      }
      console.log(JSON.stringify({ ms: best }));
      client.close();
    })();`;
  const cpuList = Array.from({ length: cpus }, (_, i) => i).join(",");
  const out = spawnSync("taskset", ["-c", cpuList, process.execPath, "-e", script], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, TOKEN: token, REF: ref },
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout).ms;
}

/**
 * The Rust SDK's figures on the same vault (crates/op-sdk/examples/resolve_baseline.rs, built by
 * `cargo xtask bench`), or null when OPKIT_RUST_BASELINE is not set.
 * @param {string} token @param {string} ref
 * @returns {{per_call_us: number, one_task_per_s: number, two_tasks_per_s: number} | null}
 */
function rustBaseline(token, ref) {
  const binary = process.env.OPKIT_RUST_BASELINE;
  if (!binary) return null;
  // Best of three processes: a whole process sometimes runs at half speed on these shared
  // machines, and a slow baseline would flatter the binding.
  const best = { per_call_us: Infinity, one_task_per_s: 0, two_tasks_per_s: 0 };
  for (let run = 0; run < 3; run++) {
    const out = spawnSync(binary, [ref], { encoding: "utf8", env: { ...process.env, OP_SERVICE_ACCOUNT_TOKEN: token } });
    if (out.status !== 0) throw new Error(`resolve_baseline failed: ${out.stderr}`);
    const figures = JSON.parse(out.stdout);
    best.per_call_us = Math.min(best.per_call_us, figures.per_call_us);
    best.one_task_per_s = Math.max(best.one_task_per_s, figures.one_task_per_s);
    best.two_tasks_per_s = Math.max(best.two_tasks_per_s, figures.two_tasks_per_s);
  }
  return best;
}

/** Microseconds per resolve awaited one after another (best of 5 x 2,000). @param {string} token @param {string} ref */
async function awaitedInTurn(token, ref) {
  const opkit = require(path.join(work, "node_modules", "opkit"));
  const client = await opkit.createClient({ auth: token, integrationName: "bench", integrationVersion: "1" });
  for (let i = 0; i < 200; i++) await client.secrets.resolve(ref);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) await client.secrets.resolve(ref);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1000 / 2000);
  }
  client.close();
  return best;
}

async function main() {
  install();
  const nodeModules = path.join(work, "node_modules");
  const official = require(path.join(nodeModules, "@1password", "sdk"));
  const opkit = require(path.join(nodeModules, "opkit"));

  const recipes = {
    "Random 20": { type: "Random", parameters: { length: 20, includeDigits: true, includeSymbols: true } },
    "Memorable 4 full words": {
      type: "Memorable",
      parameters: { separatorType: "hyphens", capitalize: true, wordListType: "fullWords", wordCount: 4 },
    },
    "PIN 6": { type: "Pin", parameters: { length: 6 } },
  };
  console.log("per call (µs), same process, official @1password/sdk 0.5.0 vs opkit:");
  for (const [name, recipe] of Object.entries(recipes)) {
    const theirs = perCallMicros(() => official.Secrets.generatePassword(recipe));
    const ours = perCallMicros(() => opkit.Secrets.generatePassword(recipe));
    console.log(`  generatePassword ${name}: ${theirs.toFixed(2)} vs ${ours.toFixed(2)} → ${(theirs / ours).toFixed(1)}x faster (goal 20x)`);
  }
  const ref = "op://Private/Database Login/connection/password";
  const theirs = perCallMicros(() => official.Secrets.validateSecretReference(ref));
  const ours = perCallMicros(() => opkit.Secrets.validateSecretReference(ref));
  console.log(`  validateSecretReference: ${theirs.toFixed(2)} vs ${ours.toFixed(2)} → ${(theirs / ours).toFixed(1)}x faster (goal 5x)`);

  const bare = freshLoad(null);
  const theirLoad = freshLoad("@1password/sdk");
  const ourLoad = freshLoad("opkit");
  const theirRss = theirLoad.rss - bare.rss;
  const ourRss = ourLoad.rss - bare.rss;
  console.log("require() in a fresh process (median of 7), added over bare node:");
  console.log(`  load time: official ${theirLoad.ms.toFixed(1)} ms, opkit ${ourLoad.ms.toFixed(1)} ms → ${((100 * ourLoad.ms) / theirLoad.ms).toFixed(1)}% (goal ≤ 25%)`);
  console.log(`  resident memory: official +${theirRss.toFixed(1)} MiB, opkit +${ourRss.toFixed(1)} MiB → ${((100 * ourRss) / theirRss).toFixed(1)}% (goal ≤ 25%)`);

  const officialSize = du(path.join(nodeModules, "@1password"));
  const ourSize = du(path.join(nodeModules, "opkit"));
  console.log("installed size (node_modules):");
  console.log(`  official @1password/sdk + sdk-core ${(officialSize / 2 ** 20).toFixed(1)} MiB, opkit ${(ourSize / 2 ** 20).toFixed(1)} MiB → ${((100 * ourSize) / officialSize).toFixed(1)}% (goal ≤ 25%)`);

  // 1,000 concurrent resolves on one client, on one CPU and on two (fresh processes).
  const { makeAccount } = require(path.join(packageDir, "test", "fixture.js"));
  const account = makeAccount(["Bench"]);
  try {
    const setup = await opkit.createClient({ auth: account.vaults.Bench.writer, integrationName: "bench", integrationVersion: "1" });
    await setup.items.create({
      category: "Login",
      vaultId: account.vaults.Bench.id,
      title: "Bench Login",
      fields: [{ id: "password", title: "password", fieldType: "Concealed", value: "bench-secret" }],
    });
    setup.close();
    const benchRef = `op://Bench/Bench Login/password`;
    const token = account.vaults.Bench.writer;
    const rust = rustBaseline(token, benchRef);
    const awaited = await awaitedInTurn(token, benchRef);
    console.log("warm secrets.resolve, one caller:");
    if (rust) {
      const scale = rust.two_tasks_per_s / rust.one_task_per_s;
      console.log(`  Rust SDK (same vault, dist profile): ${rust.per_call_us.toFixed(1)} µs; two tasks / one: ${scale.toFixed(2)}x`);
      console.log(`  opkit (awaited in turn): ${awaited.toFixed(1)} µs = ${(awaited / rust.per_call_us).toFixed(2)}x the Rust SDK (goal ≤ 2x)`);
    } else {
      console.log(`  opkit (awaited in turn): ${awaited.toFixed(1)} µs (set OPKIT_RUST_BASELINE for the Rust SDK's figure)`);
    }
    const one = concurrentResolves(1, token, benchRef);
    const two = concurrentResolves(2, token, benchRef);
    console.log("1,000 concurrent secrets.resolve on one client (best of 5):");
    console.log(`  1 CPU:  ${one.toFixed(1)} ms (${Math.round(1e6 / one)} resolves/s)`);
    console.log(`  2 CPUs: ${two.toFixed(1)} ms (${Math.round(1e6 / two)} resolves/s) → ${(one / two).toFixed(2)}x with the second core (goal ≥ 1.7x)`);
  } finally {
    account.cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
