// Secrets: resolve, resolveAll, validateSecretReference (with tests/vectors/secret-refs.json) and
// generatePassword, against a real vault file.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const path = require("node:path");
const opkit = require("opkit");
const { makeAccount, testsDir, unique } = require("./fixture");

const { Secrets, ItemCategory, ItemFieldType, SeparatorType, WordListType } = opkit;

/** @type {ReturnType<typeof makeAccount>} */
let account;
/** @type {import("opkit").Client} */
let client;
/** @type {string} */
let vaultId;
/** @type {string} */
let title;

before(async () => {
  account = makeAccount(["Secrets"]);
  vaultId = account.vaults.Secrets.id;
  client = await opkit.createClient({
    auth: account.vaults.Secrets.writer,
    integrationName: "opkit node tests",
    integrationVersion: "0.1.0",
  });
  title = unique("Database");
  await client.items.create({
    category: ItemCategory.Database,
    vaultId,
    title,
    sections: [{ id: "conn", title: "connection" }],
    fields: [
      { id: "password", title: "password", fieldType: ItemFieldType.Concealed, value: "hunter2" },
      { id: "url", title: "url", sectionId: "conn", fieldType: ItemFieldType.Text, value: "postgres://db" },
    ],
  });
});
after(() => {
  client.close();
  account.cleanup();
});

test("resolve returns the secret a reference points to, by vault id or title", async () => {
  assert.equal(await client.secrets.resolve(`op://${vaultId}/${title}/password`), "hunter2");
  assert.equal(await client.secrets.resolve(`op://Secrets/${title}/connection/url`), "postgres://db");
});

test("resolve of a missing item is ResolvingSecretReferenceError", async () => {
  await assert.rejects(client.secrets.resolve(`op://${vaultId}/no such item/password`), (e) => {
    assert.ok(e instanceof opkit.ResolvingSecretReferenceError);
    assert.ok(e instanceof opkit.OpkitError);
    assert.equal(e.code, "ResolvingSecretReference");
    assert.match(e.message, /no such item|not found/i);
    return true;
  });
});

test("resolveAll returns each secret or why it failed, keyed by reference", async () => {
  const good = `op://${vaultId}/${title}/password`;
  const missing = `op://${vaultId}/${title}/nope`;
  const bad = "op://only/two";
  const all = await client.secrets.resolveAll([good, missing, bad]);
  assert.deepEqual(all.individualResponses[good].content, {
    secret: "hunter2",
    itemId: all.individualResponses[good].content?.itemId,
    vaultId,
  });
  assert.equal(all.individualResponses[missing].error?.type, "fieldNotFound");
  assert.equal(all.individualResponses[bad].error?.type, "parsing");
  assert.equal(typeof all.individualResponses[bad].error?.message, "string");
});

test("validateSecretReference agrees with every shared vector", () => {
  /** @type {{ ref: string, valid: boolean, error_kind?: string }[]} */
  const vectors = JSON.parse(readFileSync(path.join(testsDir, "vectors", "secret-refs.json"), "utf8"));
  assert.ok(vectors.length > 20);
  for (const vector of vectors) {
    if (vector.valid) {
      assert.doesNotThrow(() => Secrets.validateSecretReference(vector.ref), vector.ref);
    } else {
      assert.throws(
        () => Secrets.validateSecretReference(vector.ref),
        (e) => e instanceof opkit.ParsingSecretReferenceError && e.code === "ParsingSecretReference",
        vector.ref,
      );
    }
  }
});

test("generatePassword follows each recipe", () => {
  const random = Secrets.generatePassword({
    type: "Random",
    parameters: { length: 20, includeDigits: true, includeSymbols: true },
  }).password;
  assert.equal(random.length, 20);
  assert.match(random, /[2346789]/);
  assert.match(random, /[!*\-.@_]/);

  const memorable = Secrets.generatePassword({
    type: "Memorable",
    parameters: {
      separatorType: SeparatorType.Hyphens,
      capitalize: true,
      wordListType: WordListType.FullWords,
      wordCount: 4,
    },
  }).password;
  assert.equal(memorable.split("-").length, 4);

  const pin = Secrets.generatePassword({ type: "Pin", parameters: { length: 6 } }).password;
  assert.match(pin, /^\d{6}$/);
});

test("generatePassword of a recipe out of range is InvalidConfigurationError", () => {
  assert.throws(
    () => Secrets.generatePassword({ type: "Random", parameters: { length: 4, includeDigits: false, includeSymbols: false } }),
    (e) => e instanceof opkit.InvalidConfigurationError && /between 8 and 100/.test(e.message),
  );
});

test("generatePassword of a malformed recipe is a plain Error naming what is wrong", () => {
  const recipe = /** @type {any} */ ({ type: "random", parameters: { length: 20 } });
  assert.throws(
    () => Secrets.generatePassword(recipe),
    (e) => e instanceof Error && !(e instanceof opkit.OpkitError) && /unknown variant `random`/.test(e.message),
  );
});
