// Replays tests/conformance/cases.json through the PUBLIC TYPED API: each step becomes the call a
// user writes (`client.items.create(params)`, `Secrets.generatePassword(recipe)`, ...), with the
// case's wire parameters converted to the typed values by the schema (dates to `Date`, bytes to
// `Uint8Array`), and the typed result, turned back into wire JSON, checked against the case. So a
// wrapper that drops, renames or mis-converts a parameter or a result member fails here even when
// the raw protocol replay (conformance.test.js) passes.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const path = require("node:path");
const opkit = require("opkit");
const { makeAccount, testsDir } = require("./fixture");

const { revive } = require(path.join(__dirname, "..", "dist", "wire.js"));
const native = require(path.join(__dirname, "..", "dist", "native.js")).core;

/**
 * Reads whose raw protocol answer the typed result must equal member for member (writes are not
 * repeated: a second create would change what later steps see).
 */
const READS = new Set([
  "SecretsResolve", "SecretsResolveAll", "ItemsGet", "ItemsGetAll", "ItemsList", "ItemsFilesRead",
  "VaultsList", "VaultsGetOverview", "VaultsGet", "GroupsGet", "EnvironmentsGetVariables",
]);

/** @typedef {import("../dist/wire").Shape} Shape */
/** @type {{ name: string, steps: any[] }[]} */
const cases = JSON.parse(readFileSync(path.join(testsDir, "conformance", "cases.json"), "utf8"));
/** @type {any} */
const schema = JSON.parse(readFileSync(path.join(testsDir, "..", "schema", "opkit.schema.json"), "utf8"));

/**
 * The schema's parameter types of every invocation: name → parameter key → shape.
 * @type {Record<string, Record<string, Shape>>}
 */
const parameterShapes = {};
for (const method of ["ClientMethod", "SyncMethod"]) {
  for (const variant of schema.$defs[method].oneOf) {
    const properties = variant.properties.parameters.properties ?? {};
    parameterShapes[variant.properties.name.const] = Object.fromEntries(
      Object.entries(properties).map(([key, member]) => [key, shapeOf(member)]),
    );
  }
}

/**
 * @param {any} member
 * @returns {Shape}
 */
function shapeOf(member) {
  if (member.$ref) {
    return { ref: member.$ref.replace("#/$defs/", "") };
  }
  if (Array.isArray(member.anyOf)) {
    const named = member.anyOf.find((/** @type {any} */ a) => a.type !== "null");
    return named ? shapeOf(named) : "plain";
  }
  if (member["x-bytes"]) {
    return "bytes";
  }
  if (member.type === "array" || (Array.isArray(member.type) && member.type.includes("array"))) {
    return { list: shapeOf(member.items) };
  }
  return "plain";
}

/**
 * Reads parameter `key` of a step, converted to its typed value, and records that it was read.
 * @param {Record<string, unknown>} params
 * @param {Set<string>} used
 * @param {string} method
 */
function reader(params, used, method) {
  /** @param {string} key @returns {any} */
  return (key) => {
    assert.ok(key in params, `${method}: the case has no parameter ${key}`);
    used.add(key);
    const shape = parameterShapes[method]?.[key];
    assert.ok(shape !== undefined, `${method}.${key} is not in the schema`);
    const value = base64Bytes(structuredClone(params[key]));
    return revive(value, shape);
  };
}

/**
 * Cases may write file content as base64 text, which the core accepts; the typed API takes bytes.
 * @param {unknown} value
 * @returns {unknown}
 */
function base64Bytes(value) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = /** @type {Record<string, unknown>} */ (value);
    if (typeof record.content === "string" && "name" in record) {
      record.content = Array.from(Buffer.from(record.content, "base64"));
    }
  }
  return value;
}

/**
 * Every invocation as the typed call a user makes. `p(key)` is the typed parameter.
 * @type {Record<string, (c: import("opkit").Client, p: (key: string) => any) => unknown>}
 */
const typedCalls = {
  SecretsResolve: (c, p) => c.secrets.resolve(p("secret_reference")),
  SecretsResolveAll: (c, p) => c.secrets.resolveAll(p("secret_references")),
  ItemsCreate: (c, p) => c.items.create(p("params")),
  ItemsCreateAll: (c, p) => c.items.createAll(p("vault_id"), p("params")),
  ItemsGet: (c, p) => c.items.get(p("vault_id"), p("item_id")),
  ItemsGetAll: (c, p) => c.items.getAll(p("vault_id"), p("item_ids")),
  ItemsPut: (c, p) => c.items.put(p("item")),
  ItemsDelete: (c, p) => c.items.delete(p("vault_id"), p("item_id")),
  ItemsDeleteAll: (c, p) => c.items.deleteAll(p("vault_id"), p("item_ids")),
  ItemsArchive: (c, p) => c.items.archive(p("vault_id"), p("item_id")),
  ItemsList: (c, p) => c.items.list(p("vault_id"), ...p("filters")),
  ItemsSharesGetAccountPolicy: (c, p) => c.items.shares.getAccountPolicy(p("vault_id"), p("item_id")),
  ItemsSharesValidateRecipients: (c, p) => c.items.shares.validateRecipients(p("policy"), p("recipients")),
  ItemsSharesCreate: (c, p) => c.items.shares.create(p("item"), p("policy"), p("params")),
  ItemsFilesAttach: (c, p) => c.items.files.attach(p("item"), p("file_params")),
  ItemsFilesRead: (c, p) => c.items.files.read(p("vault_id"), p("item_id"), p("attr")),
  ItemsFilesDelete: (c, p) => c.items.files.delete(p("item"), p("section_id"), p("field_id")),
  ItemsFilesReplaceDocument: (c, p) => c.items.files.replaceDocument(p("item"), p("doc_params")),
  VaultsCreate: (c, p) => c.vaults.create(p("params")),
  VaultsList: (c, p) => c.vaults.list(p("params") ?? undefined),
  VaultsGetOverview: (c, p) => c.vaults.getOverview(p("vault_id")),
  VaultsGet: (c, p) => c.vaults.get(p("vault_id"), p("vault_params")),
  VaultsUpdate: (c, p) => c.vaults.update(p("vault_id"), p("params")),
  VaultsDelete: (c, p) => c.vaults.delete(p("vault_id")),
  VaultsGrantGroupPermissions: (c, p) => c.vaults.grantGroupPermissions(p("vault_id"), p("group_permissions_list")),
  VaultsUpdateGroupPermissions: (c, p) => c.vaults.updateGroupPermissions(p("group_permissions_list")),
  VaultsRevokeGroupPermissions: (c, p) => c.vaults.revokeGroupPermissions(p("vault_id"), p("group_id")),
  GroupsGet: (c, p) => c.groups.get(p("group_id"), p("group_params")),
  EnvironmentsGetVariables: (c, p) => c.environments.getVariables(p("environment_id")),
  // Sync operations are static in the typed API (the addon's fast paths); no client is needed.
  ValidateSecretReference: (_c, p) => opkit.Secrets.validateSecretReference(p("secret_reference")),
  GeneratePassword: (_c, p) => opkit.Secrets.generatePassword(p("recipe")),
};

/**
 * Cases the typed API cannot express, by name, and why. Everything else must replay.
 * @type {Record<string, string>}
 */
const notExpressible = {
  "the recipe tag is case-sensitive":
    "`PasswordRecipe` has no `random` tag: the typed call cannot be written (tsc refuses it)",
  "invoke_sync refuses client operations": "the typed API never sends a client operation through invoke_sync",
  "non-JSON input is plain text": "the typed API always sends a JSON invocation",
  "a missing invocation key is plain text": "the typed API always sends the `invocation` key",
  "an unknown invocation name is plain text": "the typed API has a method per known invocation only",
  "a config missing keys is plain text": "createClient always sends every ClientConfig key",
  "a workload-identity config (JS workloadDetails) is InvalidConfiguration":
    "workload identity needs an `oidcFetcher` callback, which createClient refuses before the core (InvalidConfigurationError, tested in client.test.js)",
  "an empty token is InvalidConfiguration":
    "createClient refuses an empty `auth` before the core, as @1password/sdk does (client.test.js checks it)",
};

/** @type {ReturnType<typeof makeAccount>} */
let account;
before(() => {
  account = makeAccount(["Conformance"]);
});
after(() => account.cleanup());

/**
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

/** The wire JSON of a typed result (`""` for a unit result, as the protocol answers). @param {unknown} value */
function wire(value) {
  return value === undefined ? "" : JSON.parse(JSON.stringify(value, opkit.ReplacerFunc));
}

/**
 * @param {() => unknown} call
 * @returns {Promise<{ ok: unknown } | { err: unknown }>}
 */
async function outcomeOf(call) {
  try {
    return { ok: await call() };
  } catch (e) {
    return { err: e };
  }
}

/**
 * @param {any} step
 * @param {Record<string, unknown>} vars
 * @param {Map<string, import("opkit").Client>} byVar
 */
async function runStep(step, vars, byVar) {
  if (step.fn === "init_client") {
    const config = /** @type {any} */ (substitute(step.arg, vars));
    // The typed auth is one or the other: a desktop account (JS accountName, Go account_name)
    // goes through DesktopAuth, whatever token sits beside it.
    const account = config.accountName ?? config.account_name;
    return outcomeOf(() =>
      opkit.createClient({
        auth: typeof account === "string" ? new opkit.DesktopAuth(account) : config.serviceAccountToken,
        integrationName: config.integrationName,
        integrationVersion: config.integrationVersion,
      }),
    );
  }
  if (step.fn === "release_client") {
    const named = /^\{\{(\w+)\}\}$/.exec(step.arg);
    const client = named ? byVar.get(named[1]) : new opkit.Client(new opkit.InnerClient(Number(step.arg)));
    assert.ok(client, `release of an unknown variable ${step.arg}`);
    return outcomeOf(() => client.close());
  }
  const invocation = step.arg.invocation;
  const method = invocation.parameters.name;
  const build = typedCalls[method];
  assert.ok(build, `no typed call for ${method}`);
  /** @type {import("opkit").Client | undefined} */
  let client;
  let wrapped = false;
  if (typeof invocation.clientId === "string") {
    const named = /^\{\{(\w+)\}\}$/.exec(invocation.clientId);
    client = named ? byVar.get(named[1]) : undefined;
    assert.ok(client, `a step names client ${invocation.clientId}`);
  } else if (typeof invocation.clientId === "number") {
    client = new opkit.Client(new opkit.InnerClient(invocation.clientId));
    wrapped = true;
  }
  const params = /** @type {Record<string, unknown>} */ (substitute(invocation.parameters.parameters, vars));
  const used = new Set();
  const outcome = await outcomeOf(() => build(/** @type {import("opkit").Client} */ (client), reader(params, used, method)));
  if (wrapped) {
    try {
      client?.close();
    } catch {
      // The id was never the core's; releasing it fails the same way the call did.
    }
  }
  assert.deepEqual([...used].sort(), Object.keys(params).sort(), `${method}: the typed call uses every parameter`);
  return outcome;
}

test("every invocation the cases use has a typed call, and every case replays or says why not", () => {
  for (const conformanceCase of cases) {
    if (conformanceCase.name in notExpressible) {
      continue;
    }
    for (const step of conformanceCase.steps) {
      if (step.fn === "invoke" || step.fn === "invoke_sync") {
        const name = step.arg?.invocation?.parameters?.name;
        assert.ok(name in typedCalls, `${conformanceCase.name}: ${name} has no typed call`);
      }
    }
  }
  for (const name of Object.keys(notExpressible)) {
    assert.ok(cases.some((c) => c.name === name), `notExpressible names a case that does not exist: ${name}`);
  }
});

/** Which reads were compared with the raw protocol's answer. */
const checkedReads = new Set();

for (const conformanceCase of cases) {
  const why = notExpressible[conformanceCase.name];
  test(`typed conformance: ${conformanceCase.name}`, why ? { skip: why } : {}, async () => {
    /** @type {Record<string, unknown>} */
    const vars = {
      writer_token: account.vaults.Conformance.writer,
      reader_token: account.vaults.Conformance.reader,
      vault_id: account.vaults.Conformance.id,
      group_id: account.groupId,
      environment_id: account.environmentId,
    };
    /** @type {Map<string, import("opkit").Client>} */
    const byVar = new Map();
    /** @type {Map<string, string>} */
    const rawIds = new Map();
    try {
      for (const [index, step] of conformanceCase.steps.entries()) {
        const where = `step ${index} (${step.fn} ${step.arg?.invocation?.parameters?.name ?? ""})`;
        const outcome = await runStep(step, vars, byVar);
        const expect = step.expect;
        if ("error" in expect) {
          assert.ok("err" in outcome, `${where}: expected ${expect.error}, got ${JSON.stringify(outcome)}`);
          const e = outcome.err;
          assert.ok(e instanceof opkit.OpkitError, `${where}: ${e}`);
          assert.equal(e.code, expect.error, where);
          // The class is the one of that name (e.g. ItemApiError), not only the base class.
          assert.equal(e.constructor, opkit.toError(JSON.stringify({ name: expect.error, message: "" })).constructor);
          continue;
        }
        if ("text_prefix" in expect) {
          assert.ok("err" in outcome, `${where}: expected an error, got ${JSON.stringify(outcome)}`);
          assert.ok(outcome.err instanceof Error && !(outcome.err instanceof opkit.OpkitError), where);
          assert.ok(outcome.err.message.startsWith(expect.text_prefix), `${where}: ${outcome.err.message}`);
          continue;
        }
        if ("err" in outcome) {
          assert.fail(`${where}: ${outcome.err}`);
        }
        if (step.fn === "init_client" || step.fn === "release_client") {
          for (const name of Object.keys(step.save ?? {})) {
            byVar.get(name)?.close();
            byVar.set(name, /** @type {import("opkit").Client} */ (outcome.ok));
            // A raw core client of the same principal, to ask the same reads through the protocol.
            const old = rawIds.get(name);
            if (old !== undefined) {
              native.release_client(old);
            }
            rawIds.set(name, await native.init_client(JSON.stringify(substitute(step.arg, vars))));
          }
          if (step.fn === "release_client") {
            const named = /^\{\{(\w+)\}\}$/.exec(step.arg);
            const raw = named ? rawIds.get(named[1]) : undefined;
            if (named && raw !== undefined) {
              native.release_client(raw);
              rawIds.delete(named[1]);
            }
          }
          continue;
        }
        const parsed = wire(outcome.ok);
        const name = method(step);
        const clientVar = /^\{\{(\w+)\}\}$/.exec(String(step.arg.invocation.clientId ?? ""))?.[1];
        const rawId = clientVar === undefined ? undefined : rawIds.get(clientVar);
        if (READS.has(name) && rawId !== undefined) {
          const invocation = substitute(step.arg, vars);
          /** @type {any} */ (invocation).invocation.clientId = Number(rawId);
          const text = await native.invoke(JSON.stringify(invocation));
          assert.deepEqual(parsed, millis(text === "" ? "" : JSON.parse(text)), `${where}: typed and raw answers differ`);
          checkedReads.add(name);
        }
        if (expect.ok !== true) {
          assert.deepEqual(parsed, expect.ok, where);
        }
        for (const key of step.expect_keys ?? []) {
          assert.ok(key in parsed, `${where}: result lacks ${key}`);
        }
        // Typed results are typed: dates are `Date`, file content `Uint8Array`.
        if (method(step) === "ItemsFilesRead") {
          assert.ok(outcome.ok instanceof Uint8Array, where);
        }
        if (parsed !== null && typeof parsed === "object" && "createdAt" in parsed) {
          assert.ok(/** @type {any} */ (outcome.ok).createdAt instanceof Date, where);
        }
        for (const [name, pointer] of Object.entries(step.save ?? {})) {
          vars[name] = pointerGet(parsed, /** @type {string} */ (pointer));
        }
      }
    } finally {
      for (const client of byVar.values()) {
        client.close();
      }
      for (const id of rawIds.values()) {
        native.release_client(id);
      }
    }
  });
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The raw answer with its timestamps at a JS `Date`'s millisecond precision (the core writes
 * microseconds; `@1password/sdk` drops them the same way).
 * @param {unknown} value
 * @returns {unknown}
 */
function millis(value) {
  if (typeof value === "string" && TIMESTAMP.test(value)) {
    return new Date(value).toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(millis);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, millis(v)]));
  }
  return value;
}

/** @param {any} step */
function method(step) {
  return step.arg?.invocation?.parameters?.name;
}

test("the typed answers of reads were compared with the raw protocol's", () => {
  // Runs after the cases (node:test runs top-level tests in order).
  for (const name of ["SecretsResolve", "ItemsGet", "ItemsList", "ItemsFilesRead", "VaultsGet", "GroupsGet", "EnvironmentsGetVariables"]) {
    assert.ok(checkedReads.has(name), `${name} was never compared`);
  }
});
