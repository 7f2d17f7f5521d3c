// Throwaway vault files for the tests, made by the real `opkit` CLI (OPKIT_BIN, set by
// `cargo xtask test`; otherwise the debug build in the target dir).
"use strict";
const { execFileSync } = require("node:child_process");
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..", "..");

/** The `opkit` binary under test. */
function opkitBin() {
  if (process.env.OPKIT_BIN) {
    return process.env.OPKIT_BIN;
  }
  const target = process.env.CARGO_TARGET_DIR || path.join(root, "target");
  return path.join(target, "debug", "opkit");
}

/**
 * A new vault file with a vault per title in `vaults` and, for each, a writer and a reader
 * service-account token.
 * @param {string[]} vaults
 * Also a group and an Environment (read by the first vault's writer), which the conformance cases name.
 * @returns {{ dir: string, db: string, vaults: Record<string, { id: string, writer: string, reader: string }>, groupId: string, environmentId: string, cleanup: () => void }}
 */
function makeAccount(vaults) {
  const dir = mkdtempSync(path.join(tmpdir(), "opkit-node-"));
  const db = path.join(dir, "v.opkit");
  const env = {
    ...process.env,
    OPKIT_DB: db,
    OPKIT_PASSWORD: "pw",
    OPKIT_KDF: "testing",
    OPKIT_CONFIG_DIR: path.join(dir, "cfg"),
  };
  /** @param {string[]} args */
  const run = (args) =>
    JSON.parse(execFileSync(opkitBin(), [...args, "--format", "json"], { env, stdio: ["ignore", "pipe", "pipe"] }).toString());
  run(["account", "create", "--name", "Test"]);
  /** @type {Record<string, { id: string, writer: string, reader: string }>} */
  const made = {};
  /** @type {string[]} */
  const writerIds = [];
  for (const title of vaults) {
    const vault = run(["vault", "create", title]);
    const writer = run(["service-account", "create", "--name", `${title}-writer`, "--vault", `${vault.id}:write`]);
    const reader = run(["service-account", "create", "--name", `${title}-reader`, "--vault", `${vault.id}:read`]);
    made[title] = { id: vault.id, writer: writer.token, reader: reader.token };
    writerIds.push(writer.id);
  }
  const groupId = run(["group", "create", "Conformance Group"]).id;
  const environmentId = run(["environment", "create", "conformance"]).id;
  run(["environment", "set", environmentId, "GREETING=hello"]);
  run(["environment", "set", environmentId, "API_KEY=s3cr3t", "--masked"]);
  if (writerIds.length > 0) {
    run(["environment", "grant", environmentId, writerIds[0]]);
  }
  return { dir, db, vaults: made, groupId, environmentId, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The repository's shared test data (tests/conformance, tests/vectors). */
const testsDir = path.join(root, "tests");

/** A title no other test uses. */
function unique(prefix = "item") {
  return `${prefix} ${process.pid} ${Math.random().toString(36).slice(2, 10)}`;
}

module.exports = { makeAccount, opkitBin, testsDir, unique };
