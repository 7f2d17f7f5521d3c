// Replays tests/conformance/cases.json through the addon's four functions (the core protocol).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { makeAccount, testsDir } = require("./fixture");

const native = require(path.join(__dirname, "..", "dist", "native.js")).core;

/** @type {{ name: string, steps: any[] }[]} */
const cases = JSON.parse(readFileSync(path.join(testsDir, "conformance", "cases.json"), "utf8"));

/** @type {ReturnType<typeof makeAccount>} */
let account;
before(() => {
  account = makeAccount(["Conformance"]);
});
after(() => account.cleanup());

/**
 * `{{var}}` substitution: a string that is exactly `{{var}}` takes the value with its JSON type.
 * @param {unknown} value
 * @param {Record<string, unknown>} vars
 * @returns {unknown}
 */
function substitute(value, vars) {
  if (typeof value === "string") {
    const whole = /^\{\{(\w+)\}\}$/.exec(value);
    if (whole && whole[1] in vars) {
      return vars[whole[1]];
    }
    return value.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name]));
  }
  if (Array.isArray(value)) {
    return value.map((v) => substitute(v, vars));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

/**
 * @param {string} fn
 * @param {string} arg
 * @returns {Promise<{ ok: string } | { err: string }>}
 */
async function call(fn, arg) {
  try {
    switch (fn) {
      case "init_client":
        return { ok: await native.init_client(arg) };
      case "invoke":
        return { ok: await native.invoke(arg) };
      case "invoke_sync":
        return { ok: native.invoke_sync(arg) };
      case "release_client":
        native.release_client(arg);
        return { ok: "" };
      default:
        throw new Error(`unknown fn ${fn}`);
    }
  } catch (e) {
    return { err: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * @param {any} doc
 * @param {string} pointer
 */
function pointerGet(doc, pointer) {
  if (pointer === "") {
    return doc;
  }
  return pointer
    .slice(1)
    .split("/")
    .reduce((node, part) => node[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

for (const conformanceCase of cases) {
  test(`conformance: ${conformanceCase.name}`, async () => {
    /** @type {Record<string, unknown>} */
    const vars = {
      writer_token: account.vaults.Conformance.writer,
      reader_token: account.vaults.Conformance.reader,
      vault_id: account.vaults.Conformance.id,
      group_id: account.groupId,
      environment_id: account.environmentId,
    };
    for (const [index, step] of conformanceCase.steps.entries()) {
      const where = `step ${index} (${step.fn})`;
      const arg = step.raw !== undefined ? step.raw : (() => {
        const value = substitute(step.arg, vars);
        return typeof value === "string" ? value : JSON.stringify(value);
      })();
      const outcome = await call(step.fn, arg);
      const expect = step.expect;
      if ("error" in expect) {
        assert.ok("err" in outcome, `${where}: expected ${expect.error}, got ${JSON.stringify(outcome)}`);
        assert.equal(JSON.parse(outcome.err).name, expect.error, where);
        continue;
      }
      if ("text_prefix" in expect) {
        assert.ok("err" in outcome, `${where}: expected an error, got ${JSON.stringify(outcome)}`);
        assert.ok(outcome.err.startsWith(expect.text_prefix), `${where}: ${outcome.err}`);
        continue;
      }
      assert.ok("ok" in outcome, `${where}: ${JSON.stringify(outcome)}`);
      const parsed = outcome.ok === "" ? "" : JSON.parse(outcome.ok);
      if (expect.ok !== true) {
        assert.deepEqual(parsed, expect.ok, where);
      }
      for (const key of step.expect_keys ?? []) {
        assert.ok(key in parsed, `${where}: result lacks ${key}`);
      }
      for (const [name, pointer] of Object.entries(step.save ?? {})) {
        vars[name] = pointerGet(parsed, /** @type {string} */ (pointer));
      }
    }
  });
}
