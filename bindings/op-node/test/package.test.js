// Packaging: `npm pack` gives a package that installs into an empty project and runs the README
// example (ESM) and its CommonJS twin with no Rust toolchain on PATH.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const { makeAccount } = require("./fixture");

const packageDir = path.join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** @type {ReturnType<typeof makeAccount>} */
let account;
/** @type {string} */
let work;
before(() => {
  account = makeAccount(["Quickstart"]);
  work = mkdtempSync(path.join(tmpdir(), "opkit-pack-"));
});
after(() => {
  account.cleanup();
  rmSync(work, { recursive: true, force: true });
});

test("npm pack installs into an empty project and runs the README example without Rust", () => {
  /** @type {import("node:child_process").ExecFileSyncOptions} */
  const quiet = { stdio: ["ignore", "pipe", "pipe"] };
  const packed = JSON.parse(
    execFileSync(npm, ["pack", "--json", "--pack-destination", work], { ...quiet, cwd: packageDir }).toString(),
  );
  const files = packed[0].files.map((/** @type {{ path: string }} */ f) => f.path);
  assert.ok(files.includes("dist/index.js") && files.includes("dist/index.d.ts") && files.includes("index.mjs"));
  assert.ok(files.some((/** @type {string} */ f) => /^opkit\..+\.node$/.test(f)), "the prebuilt addon is inside");
  assert.ok(!files.some((/** @type {string} */ f) => f.startsWith("ts/") || f.startsWith("test/") || f.startsWith("src/")));

  const app = path.join(work, "app");
  mkdirSync(app);
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  const tarball = path.join(work, readdirSync(work).find((f) => f.endsWith(".tgz")) ?? "missing.tgz");
  execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", tarball], { ...quiet, cwd: app });
  for (const example of ["quickstart.mjs", "quickstart.cjs"]) {
    copyFileSync(path.join(packageDir, "examples", example), path.join(app, example));
  }

  // Only node's own directory on PATH: no cargo, rustc or C toolchain to fall back on.
  const env = { PATH: path.dirname(process.execPath), HOME: work, OP_SERVICE_ACCOUNT_TOKEN: account.vaults.Quickstart.writer };
  const esm = execFileSync(process.execPath, ["quickstart.mjs"], { cwd: app, env }).toString();
  assert.match(esm, /^created Quickstart on \d{4}-\d{2}-\d{2}$/m);
  assert.match(esm, /^resolved a secret of 17 characters$/m);
  assert.match(esm, /^generated a 6-digit PIN$/m);
  const cjs = execFileSync(process.execPath, ["quickstart.cjs"], { cwd: app, env }).toString();
  assert.match(cjs, /^1 vault\(s\): Quickstart$/m);
  assert.match(cjs, /^generated a 20-character password$/m);
});
