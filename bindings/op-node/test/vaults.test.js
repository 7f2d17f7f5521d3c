// Vaults, and the request shape of every method whose core side is still being built (files,
// shares, groups, Environments, group permissions): each reaches the core under its catalogue
// name and comes back as the typed "not available yet" error.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const opkit = require("opkit");
const { makeAccount, unique } = require("./fixture");

const { VaultType, ItemCategory } = opkit;

/** @type {ReturnType<typeof makeAccount>} */
let account;
/** @type {import("opkit").Client} */
let client;
/** @type {string} */
let vaultId;

before(async () => {
  account = makeAccount(["Vaults"]);
  vaultId = account.vaults.Vaults.id;
  client = await opkit.createClient({
    auth: account.vaults.Vaults.writer,
    integrationName: "opkit node tests",
    integrationVersion: "0.1.0",
  });
});
after(() => {
  client.close();
  account.cleanup();
});

test("list shows the granted vault with dates as Date, with or without params", async () => {
  for (const vaults of [await client.vaults.list(), await client.vaults.list({ decryptDetails: true })]) {
    const vault = vaults.find((v) => v.id === vaultId);
    assert.ok(vault);
    assert.equal(vault.title, "Vaults");
    assert.equal(vault.vaultType, VaultType.UserCreated);
    assert.ok(vault.createdAt instanceof Date && vault.updatedAt instanceof Date);
  }
});

test("create, get (with accessors), getOverview, update and delete a vault", async () => {
  const title = unique("Temp");
  const created = await client.vaults.create({ title, description: "d" });
  assert.equal(created.title, title);
  assert.equal(created.description, "d");

  const withAccess = await client.vaults.get(created.id, { accessors: true });
  assert.ok(Array.isArray(withAccess.access) && withAccess.access.length > 0);
  assert.equal(withAccess.access[0].vaultUuid, created.id);
  assert.equal((await client.vaults.get(created.id, {})).access, undefined);

  const overview = await client.vaults.getOverview(created.id);
  assert.equal(overview.activeItemCount, 0);
  assert.ok(overview.createdAt instanceof Date);

  const renamed = await client.vaults.update(created.id, { title: `${title} renamed` });
  assert.equal(renamed.title, `${title} renamed`);
  assert.ok(renamed.attributeVersion > created.attributeVersion);

  await client.vaults.delete(created.id);
  await assert.rejects(client.vaults.getOverview(created.id), opkit.ItemApiError);
});

test("a vault the service account has no access to is ItemApiError", async () => {
  await assert.rejects(client.vaults.getOverview("aaaaaaaaaaaaaaaaaaaaaaaaaa"), opkit.ItemApiError);
});

test("every method not yet in the core reaches it under its catalogue name", async () => {
  const item = await client.items.create({ category: ItemCategory.Login, vaultId, title: unique("Files") });
  const attr = { name: "a.txt", id: "f", size: 2 };
  const policy = /** @type {import("opkit").ItemShareAccountPolicy} */ ({
    maxExpiry: opkit.ItemShareDuration.SevenDays,
    defaultExpiry: opkit.ItemShareDuration.OneDay,
    allowedTypes: [opkit.AllowedType.Public],
    allowedRecipientTypes: [opkit.AllowedRecipientType.Email],
    files: { allowed: true, maxSize: 1024 },
  });
  /** @type {[string, () => Promise<unknown>][]} */
  const calls = [
    ["ItemsFilesAttach", () => client.items.files.attach(item, { name: "a.txt", content: new Uint8Array([104, 105]), sectionId: "s", fieldId: "f" })],
    ["ItemsFilesRead", () => client.items.files.read(vaultId, item.id, attr)],
    ["ItemsFilesDelete", () => client.items.files.delete(item, "s", "f")],
    ["ItemsFilesReplaceDocument", () => client.items.files.replaceDocument(item, { name: "d.txt", content: new Uint8Array([1]) })],
    ["ItemsSharesGetAccountPolicy", () => client.items.shares.getAccountPolicy(vaultId, item.id)],
    ["ItemsSharesValidateRecipients", () => client.items.shares.validateRecipients(policy, ["a@example.com"])],
    ["ItemsSharesCreate", () => client.items.shares.create(item, policy, { oneTimeOnly: false, expireAfter: opkit.ItemShareDuration.OneHour })],
    ["VaultsGrantGroupPermissions", () => client.vaults.grantGroupPermissions(vaultId, [{ groupId: "g", permissions: opkit.READ_ITEMS | opkit.REVEAL_ITEM_PASSWORD }])],
    ["VaultsUpdateGroupPermissions", () => client.vaults.updateGroupPermissions([{ vaultId, groupId: "g", permissions: opkit.READ_ITEMS }])],
    ["VaultsRevokeGroupPermissions", () => client.vaults.revokeGroupPermissions(vaultId, "g")],
    ["GroupsGet", () => client.groups.get("g", { vaultPermissions: true })],
    ["EnvironmentsGetVariables", () => client.environments.getVariables("e")],
  ];
  for (const [name, call] of calls) {
    await assert.rejects(call(), (e) => {
      // A wrong parameter key would fail to parse (plain Error), not reach the dispatcher.
      assert.ok(e instanceof opkit.ItemApiError, `${name}: ${e}`);
      assert.ok(e.message.startsWith(`${name} is not available`), e.message);
      return true;
    });
  }
});
