// Printing what the SDK returns shows no secret (console.log / util.inspect), while the objects
// still serialise unchanged, so sending them back to the core works.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { inspect, format } = require("node:util");
const opkit = require("opkit");
const { makeAccount, unique } = require("./fixture");

const { ItemCategory, ItemFieldType } = opkit;

/** @type {ReturnType<typeof makeAccount>} */
let account;
/** @type {import("opkit").Client} */
let client;
/** @type {string} */
let vaultId;

before(async () => {
  account = makeAccount(["Redaction"]);
  vaultId = account.vaults.Redaction.id;
  client = await opkit.createClient({
    auth: account.vaults.Redaction.writer,
    integrationName: "opkit node tests",
    integrationVersion: "0.1.0",
  });
});
after(() => {
  client.close();
  account.cleanup();
});

const SEED = "JBSWY3DPEHPK3PXP";
const secrets = ["hunter2-password", "a very private note", "seekrit-api-key", SEED];

/** Every printed form a user reaches for. @param {unknown} value */
function printed(value) {
  return [
    inspect(value),
    inspect(value, { depth: null }),
    inspect([value], { depth: null }),
    format("%o", value),
    format("%O", value),
    format("%s", value),
  ];
}

/** @param {unknown} value @param {string[]} hidden @param {string[]} shown */
function assertPrints(value, hidden, shown) {
  for (const text of printed(value)) {
    for (const secret of hidden) {
      assert.ok(!text.includes(secret), `printed a secret ${JSON.stringify(secret)}:\n${text}`);
    }
  }
  const full = inspect(value, { depth: null });
  for (const visible of shown) {
    assert.ok(full.includes(visible), `${JSON.stringify(visible)} should still print:\n${full}`);
  }
}

test("a created item prints no field value, note or TOTP code, but its title and ids", async () => {
  const title = unique("Redacted");
  const item = await client.items.create({
    category: ItemCategory.Login,
    vaultId,
    title,
    notes: "a very private note",
    sections: [{ id: "extra", title: "Extra" }],
    fields: [
      { id: "username", title: "username", fieldType: ItemFieldType.Text, value: "alice-user" },
      { id: "password", title: "password", fieldType: ItemFieldType.Concealed, value: "hunter2-password" },
      { id: "key", title: "api key", sectionId: "extra", fieldType: ItemFieldType.Concealed, value: "seekrit-api-key" },
      { id: "otp", title: "one-time password", fieldType: ItemFieldType.Totp, value: SEED },
    ],
  });
  const otp = item.fields.find((f) => f.id === "otp");
  const code = otp?.details?.type === "Otp" ? otp.details.content.code : undefined;
  assert.ok(code && /^\d{6}$/.test(code), "the TOTP field carries its code");
  // The username is a field value too: every value is redacted, whatever the field type.
  const hidden = [...secrets, "alice-user", code];
  assertPrints(item, hidden, [title, item.id, vaultId, "username", "one-time password", "[REDACTED]"]);
  // Parts of the item print redacted on their own, and so does what `get` and `put` return.
  assertPrints(item.fields, hidden, ["api key"]);
  assertPrints(otp, hidden, ["Otp"]);
  const fetched = await client.items.get(vaultId, item.id);
  assertPrints(fetched, hidden, [title]);
  // A field the caller adds to a returned item is covered by the item's printing.
  fetched.fields.push({ id: "pin", title: "pin", fieldType: ItemFieldType.Concealed, value: "pushed-pin-4321" });
  assertPrints(fetched, [...hidden, "pushed-pin-4321"], ["pin"]);
  const updated = await client.items.put(fetched);
  assertPrints(updated, [...hidden, "pushed-pin-4321"], [title]);
  // Redaction is for printing only: the JSON the core receives still carries every value.
  assert.ok(JSON.stringify(updated).includes("pushed-pin-4321"));
  assert.ok(JSON.stringify(item).includes("hunter2-password") && JSON.stringify(item).includes(code));
  assert.equal(updated.fields.find((f) => f.id === "pin")?.value, "pushed-pin-4321");
  assert.deepEqual(Object.keys(item), Object.keys(JSON.parse(JSON.stringify(item))), "no extra enumerable key");

  const all = await client.items.getAll(vaultId, [item.id]);
  assertPrints(all, hidden, [title]);
  const bulk = await client.items.createAll(vaultId, [
    { category: ItemCategory.Password, vaultId, title: unique("Bulk"), notes: "a very private note",
      fields: [{ id: "password", title: "password", fieldType: ItemFieldType.Concealed, value: "hunter2-password" }] },
  ]);
  const bulkItem = bulk.individualResponses[0]?.content;
  assert.ok(bulkItem && bulkItem.createdAt instanceof Date, "createAll returns typed items");
  assertPrints(bulk, secrets, [bulkItem.title]);
  await client.items.delete(vaultId, bulkItem.id);
  const resolved = await client.secrets.resolveAll([`op://${vaultId}/${title}/password`]);
  assertPrints(resolved, ["hunter2-password"], [item.id]);
  await client.items.delete(vaultId, item.id);
});

test("generated passwords and Environment variables print redacted; files print as bytes", async () => {
  const generated = opkit.Secrets.generatePassword({
    type: "Random",
    parameters: { length: 24, includeDigits: true, includeSymbols: false },
  });
  assertPrints(generated, [generated.password], ["password"]);
  assert.equal(JSON.parse(JSON.stringify(generated)).password, generated.password);
  const variables = await client.environments.getVariables(account.environmentId);
  assertPrints(variables, ["s3cr3t", "hello"], ["GREETING", "API_KEY"]);
  const overviews = await client.items.list(vaultId);
  assert.ok(overviews.every((o) => o.createdAt instanceof Date));
});
