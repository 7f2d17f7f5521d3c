// Items: every method of client.items against a real vault file, the TOTP vectors through a TOTP
// field and the SSH key fixtures through SSH Key items.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { createHmac } = require("node:crypto");
const { readFileSync } = require("node:fs");
const path = require("node:path");
const opkit = require("opkit");
const { makeAccount, testsDir, unique } = require("./fixture");

const { ItemCategory, ItemFieldType, AutofillBehavior, ItemState } = opkit;

/** @type {ReturnType<typeof makeAccount>} */
let account;
/** @type {import("opkit").Client} */
let client;
/** @type {import("opkit").Client} */
let reader;
/** @type {string} */
let vaultId;

before(async () => {
  account = makeAccount(["Items"]);
  vaultId = account.vaults.Items.id;
  const info = { integrationName: "opkit node tests", integrationVersion: "0.1.0" };
  client = await opkit.createClient({ ...info, auth: account.vaults.Items.writer });
  reader = await opkit.createClient({ ...info, auth: account.vaults.Items.reader });
});
after(() => {
  client.close();
  reader.close();
  account.cleanup();
});

/** @returns {import("opkit").ItemCreateParams} */
function login(title = unique("Login")) {
  return {
    category: ItemCategory.Login,
    vaultId,
    title,
    fields: [
      { id: "username", title: "username", fieldType: ItemFieldType.Text, value: "alice" },
      { id: "password", title: "password", fieldType: ItemFieldType.Concealed, value: "s3cr3t" },
    ],
    tags: ["node"],
    notes: "a note",
    websites: [{ url: "https://example.com", label: "website", autofillBehavior: AutofillBehavior.AnywhereOnWebsite }],
  };
}

test("create returns the item with dates as Date, and get reads it back", async () => {
  const params = login();
  const created = await client.items.create(params);
  assert.equal(created.title, params.title);
  assert.equal(created.vaultId, vaultId);
  assert.equal(created.category, ItemCategory.Login);
  assert.ok(created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()));
  assert.ok(created.updatedAt instanceof Date);
  assert.deepEqual(created.tags, ["node"]);
  assert.equal(created.websites[0].autofillBehavior, AutofillBehavior.AnywhereOnWebsite);
  const got = await client.items.get(vaultId, created.id);
  assert.deepEqual(got, created);
});

test("put updates an item, and a stale version is ItemApiError", async () => {
  const created = await client.items.create(login());
  const changed = await client.items.put({ ...created, title: `${created.title} v2`, notes: "changed" });
  assert.equal(changed.title, `${created.title} v2`);
  assert.ok(changed.version > created.version);
  await assert.rejects(client.items.put(created), (e) => e instanceof opkit.ItemApiError && e.code === "ItemApi");
});

test("invalid field values are refused with the field and the rule", async () => {
  const params = login();
  params.fields = [{ id: "born", title: "born", fieldType: ItemFieldType.Date, value: "2023-02-29" }];
  await assert.rejects(client.items.create(params), (e) => e instanceof opkit.ItemApiError && /born/.test(e.message));
});

test("list shows active items; a ByState filter shows archived ones; archive hides from resolve", async () => {
  const created = await client.items.create(login());
  let listed = await client.items.list(vaultId);
  const overview = listed.find((o) => o.id === created.id);
  assert.ok(overview);
  assert.equal(overview.state, ItemState.Active);
  assert.ok(overview.createdAt instanceof Date);

  await client.items.archive(vaultId, created.id);
  listed = await client.items.list(vaultId);
  assert.ok(!listed.some((o) => o.id === created.id));
  listed = await client.items.list(vaultId, { type: "ByState", content: { active: false, archived: true } });
  assert.equal(listed.find((o) => o.id === created.id)?.state, ItemState.Archived);
  await assert.rejects(client.secrets.resolve(`op://${vaultId}/${created.title}/password`), opkit.ResolvingSecretReferenceError);
});

test("delete removes an item: get is ItemApiError afterwards", async () => {
  const created = await client.items.create(login());
  await client.items.delete(vaultId, created.id);
  await assert.rejects(client.items.get(vaultId, created.id), opkit.ItemApiError);
});

test("createAll, getAll and deleteAll report per item", async () => {
  const bad = login();
  bad.fields = [{ id: "card", title: "card", fieldType: ItemFieldType.MonthYear, value: "13/2030" }];
  const made = await client.items.createAll(vaultId, [login(), bad]);
  assert.equal(made.individualResponses.length, 2);
  const first = made.individualResponses[0].content;
  assert.ok(first && first.createdAt instanceof Date);
  assert.equal(made.individualResponses[1].error?.type, "itemValidationError");

  const missing = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  const got = await client.items.getAll(vaultId, [first.id, missing]);
  assert.equal(got.individualResponses[0].content?.id, first.id);
  assert.equal(got.individualResponses[1].error?.type, "itemNotFound");

  const deleted = await client.items.deleteAll(vaultId, [first.id, missing]);
  assert.ok(!deleted.individualResponses[first.id].error);
  assert.equal(deleted.individualResponses[missing].error?.type, "itemNotFound");
});

test("a read-only service account cannot create items", async () => {
  await assert.rejects(reader.items.create(login()), opkit.ItemApiError);
  const bulk = await reader.items.createAll(vaultId, [login()]);
  assert.equal(bulk.individualResponses[0].error?.type, "itemStatusPermissionError");
});

/**
 * The RFC 6238 code for `secret` at `unix` seconds: the test's own oracle, itself checked against
 * the vectors before it judges the core.
 * @param {string} base32
 * @param {string} algorithm
 * @param {number} digits
 * @param {number} period
 * @param {number} unix
 */
function totp(base32, algorithm, digits, period, unix) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32.replace(/=+$/, "")) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unix / period)));
  const mac = createHmac(algorithm.toLowerCase(), key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, "0");
}

test("TOTP vectors: the code the core fills in for a TOTP field", async () => {
  /** @type {{ totp: { secret_base32: string, algorithm: string, digits: number, period: number, unix_time: number, code: string }[] }} */
  const vectors = JSON.parse(readFileSync(path.join(testsDir, "vectors", "totp", "rfc-vectors.json"), "utf8"));
  for (const v of vectors.totp) {
    assert.equal(totp(v.secret_base32, v.algorithm, v.digits, v.period, v.unix_time), v.code, "the oracle itself");
  }
  const seen = new Set();
  for (const v of vectors.totp) {
    const key = `${v.secret_base32}/${v.algorithm}/${v.digits}/${v.period}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const uri = `otpauth://totp/ACME:alice?secret=${v.secret_base32}&issuer=ACME&algorithm=${v.algorithm}&digits=${v.digits}&period=${v.period}`;
    // The code's time window may turn between the core's clock reading and ours: try again then.
    for (let attempt = 0; ; attempt++) {
      const before = Math.floor(Date.now() / 1000);
      const item = await client.items.create({
        category: ItemCategory.Login,
        vaultId,
        title: unique("Totp"),
        fields: [{ id: "onetimepassword", title: "one-time password", fieldType: ItemFieldType.Totp, value: uri }],
      });
      const after = Math.floor(Date.now() / 1000);
      const details = item.fields[0].details;
      assert.equal(details?.type, "Otp");
      const code = details?.type === "Otp" ? details.content.code : undefined;
      if (Math.floor(before / v.period) !== Math.floor(after / v.period) && attempt < 3) {
        continue;
      }
      assert.equal(code, totp(v.secret_base32, v.algorithm, v.digits, v.period, before), key);
      break;
    }
  }
});

test("a TOTP field with a bad seed is ItemApiError naming the field and the fix", async () => {
  const params = {
    category: ItemCategory.Login,
    vaultId,
    title: unique("Totp"),
    fields: [{ id: "otp", title: "otp", fieldType: ItemFieldType.Totp, value: "otpauth://totp/x?secret=!!!" }],
  };
  await assert.rejects(
    client.items.create(params),
    (e) => e instanceof opkit.ItemApiError && /"otp"/.test(e.message) && /base32/.test(e.message),
  );
});

test("SSH key fixtures: the core fills in public key, fingerprint and key type", async () => {
  /** @type {{ file: string, encrypted: boolean, public_key?: string, fingerprint?: string, bits?: number, key_type_ssh?: string, error?: string }[]} */
  const manifest = [
    ...JSON.parse(readFileSync(path.join(testsDir, "vectors", "ssh", "manifest.json"), "utf8")),
    ...JSON.parse(readFileSync(path.join(testsDir, "vectors", "ssh", "manifest-extra.json"), "utf8")),
  ];
  for (const fixture of manifest) {
    const pem = readFileSync(path.join(testsDir, "vectors", "ssh", fixture.file), "utf8");
    const params = {
      category: ItemCategory.SshKey,
      vaultId,
      title: unique(fixture.file),
      fields: [{ id: "private_key", title: "private key", fieldType: ItemFieldType.SshKey, value: pem }],
    };
    if (fixture.encrypted || fixture.error) {
      await assert.rejects(client.items.create(params), opkit.ItemApiError, fixture.file);
      continue;
    }
    const item = await client.items.create(params);
    const details = item.fields[0].details;
    assert.equal(details?.type, "SshKey", fixture.file);
    const attrs = details?.type === "SshKey" ? details.content : undefined;
    assert.equal(attrs?.publicKey.split(" ").slice(0, 2).join(" "), fixture.public_key?.split(" ").slice(0, 2).join(" "), fixture.file);
    assert.equal(attrs?.fingerprint, fixture.fingerprint, fixture.file);
    const expectedType = fixture.key_type_ssh === "ssh-ed25519"
      ? "Ed25519"
      : fixture.key_type_ssh === "ssh-rsa"
        ? `RSA, ${fixture.bits}-bit`
        : `ECDSA, ${fixture.bits}-bit`;
    assert.equal(attrs?.keyType, expectedType, fixture.file);
    assert.match(item.fields[0].value, /^-----BEGIN PRIVATE KEY-----/, fixture.file);
  }
});
