// Client lifecycle, configuration errors, error mapping, JSON revival, and the ESM entry.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const opkit = require("opkit");
const { makeAccount } = require("./fixture");

/** @type {ReturnType<typeof makeAccount>} */
let account;
before(() => {
  account = makeAccount(["Lifecycle"]);
});
after(() => account.cleanup());

const info = { integrationName: "opkit node tests", integrationVersion: "0.1.0" };

test("createClient without auth is refused before the core, as in @1password/sdk", async () => {
  await assert.rejects(opkit.createClient({ ...info }), /requires either `auth`/);
  await assert.rejects(opkit.createClient({ ...info, auth: "" }), /requires either `auth`/);
});

test("a token that is not ops_… is InvalidConfigurationError", async () => {
  await assert.rejects(opkit.createClient({ ...info, auth: "not-a-token" }), (e) => {
    assert.ok(e instanceof opkit.InvalidConfigurationError);
    assert.equal(e.code, "InvalidConfiguration");
    assert.equal(e.name, "InvalidConfigurationError");
    return true;
  });
});

test("a malformed ops_ token is ServiceAccountTokenParsingError", async () => {
  await assert.rejects(
    opkit.createClient({ ...info, auth: "ops_notbase64!" }),
    (e) => e instanceof opkit.ServiceAccountTokenParsingError && e.code === "ServiceAccountTokenParsing",
  );
});

test("integration name rules are the core's: all problems reported together", async () => {
  await assert.rejects(
    opkit.createClient({ auth: account.vaults.Lifecycle.writer, integrationName: "", integrationVersion: "" }),
    (e) =>
      e instanceof opkit.InvalidConfigurationError &&
      /integration name/.test(e.message) &&
      /integration version/.test(e.message),
  );
});

test("DesktopAuth and oidcFetcher are refused by the core with a message that names the fix", async () => {
  await assert.rejects(
    opkit.createClient({ ...info, auth: "x", oidcFetcher: async () => "t" }),
    (e) => e instanceof opkit.InvalidConfigurationError && /service-account token/.test(e.message),
  );
  await assert.rejects(
    opkit.createClient({ ...info, auth: new opkit.DesktopAuth("me") }),
    (e) =>
      e instanceof opkit.InvalidConfigurationError &&
      /desktop app authentication \(DesktopAuth, WithDesktopAppIntegration\) is not supported/.test(e.message),
  );
});

test("DesktopAuth is not refused by the binding: the core answers with its typed error", async () => {
  // The config reaches init_client with the account name and no token; whatever the core says
  // comes back as the class of its error name, never a plain Error made up here.
  await assert.rejects(opkit.createClient({ ...info, auth: new opkit.DesktopAuth("me") }), (e) => {
    assert.ok(e instanceof opkit.OpkitError, String(e));
    assert.equal(e.constructor, opkit.toError(JSON.stringify({ name: e.code, message: "" })).constructor);
    return true;
  });
});

test(
  "DesktopAuth is refused by the core as desktop-app auth, with a reason",
  async () => {
    await assert.rejects(opkit.createClient({ ...info, auth: new opkit.DesktopAuth("me") }), (e) => {
      assert.ok(e instanceof opkit.InvalidConfigurationError, String(e));
      assert.match(e.message, /desktop/i);
      assert.equal(e.reason, "NotImplemented");
      return true;
    });
  },
);

test("the envelope's reason is exposed, leniently: absent or malformed is undefined", () => {
  const e = opkit.toError('{"name":"ItemApi","message":"no such item","reason":"NotFound"}');
  assert.ok(e instanceof opkit.ItemApiError);
  assert.equal(e.reason, "NotFound");
  assert.equal(e.message, "no such item");
  const future = opkit.toError('{"name":"SomethingNew","message":"m","reason":"Busy"}');
  assert.ok(future instanceof opkit.OpkitError && future.code === "SomethingNew" && future.reason === "Busy");
  for (const reason of ["", "null", "42", "{}", '["NotFound"]']) {
    const text = reason === "" ? '{"name":"ItemApi","message":"m"}' : `{"name":"ItemApi","message":"m","reason":${reason}}`;
    const err = opkit.toError(text);
    assert.ok(err instanceof opkit.ItemApiError, text);
    assert.equal(err.reason, undefined, text);
  }
  assert.equal(new opkit.InternalError("m").reason, undefined);
  assert.equal(new opkit.InternalError("m", "Internal").reason, "Internal");
});

test("the version constants are the workspace version", () => {
  const pkg = JSON.parse(require("node:fs").readFileSync(require.resolve("opkit/package.json"), "utf8"));
  const [major, minor, patch] = pkg.version.split(/[.-]/);
  assert.equal(opkit.VERSION, `${major}${minor.padStart(2, "0")}${patch.padStart(2, "0")}`.padEnd(7, "0"));
});

test("close releases the core client: later calls fail with InternalError, closing twice is fine", async () => {
  const client = await opkit.createClient({ ...info, auth: account.vaults.Lifecycle.writer });
  const vaults = await client.vaults.list();
  assert.ok(vaults.some((v) => v.title === "Lifecycle"));
  client.close();
  client.close();
  await assert.rejects(client.vaults.list(), (e) => e instanceof opkit.InternalError && /invalid client id/.test(e.message));
});

test("each client gets its own core id and they work side by side", async () => {
  const a = await opkit.createClient({ ...info, auth: account.vaults.Lifecycle.writer });
  const b = await opkit.createClient({ ...info, auth: account.vaults.Lifecycle.reader });
  const [va, vb] = await Promise.all([a.vaults.list(), b.vaults.list()]);
  assert.deepEqual(va.map((v) => v.id), vb.map((v) => v.id));
  a.close();
  assert.equal((await b.vaults.list()).length, vb.length);
  b.close();
});

test("a token naming a principal the vault file does not know is refused", async () => {
  // A token for the right file but a principal that does not exist: the core says Auth.
  const token = account.vaults.Lifecycle.writer;
  const payload = JSON.parse(Buffer.from(token.slice(4), "base64url").toString());
  payload.principal = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  const forged = `ops_${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  await assert.rejects(opkit.createClient({ ...info, auth: forged }), opkit.OpkitError);
});

test("every core error name maps to its own class with a stable code", () => {
  const names = {
    ServiceAccountTokenParsing: opkit.ServiceAccountTokenParsingError,
    CustomerManagedSecretParsing: opkit.CustomerManagedSecretParsingError,
    WorkloadKeysetDecryption: opkit.WorkloadKeysetDecryptionError,
    Auth: opkit.AuthError,
    ItemApi: opkit.ItemApiError,
    ResolvingSecretReference: opkit.ResolvingSecretReferenceError,
    ParsingSecretReference: opkit.ParsingSecretReferenceError,
    GeneratingPassword: opkit.GeneratingPasswordError,
    ParsingPrivateKey: opkit.ParsingPrivateKeyError,
    InvalidConfiguration: opkit.InvalidConfigurationError,
    UpdatingGroupVaultPermissionsError: opkit.UpdatingGroupVaultPermissionsError,
    RevokingGroupVaultPermissionsError: opkit.RevokingGroupVaultPermissionsError,
    GettingGroup: opkit.GettingGroupError,
    DesktopSessionExpired: opkit.DesktopSessionExpiredError,
    RateLimitExceeded: opkit.RateLimitExceededError,
    AuthExpired: opkit.AuthExpiredError,
    Internal: opkit.InternalError,
  };
  for (const [name, ErrorClass] of Object.entries(names)) {
    const e = opkit.toError(JSON.stringify({ name, message: `about ${name}` }));
    assert.ok(e instanceof ErrorClass, name);
    assert.ok(e instanceof opkit.OpkitError && e instanceof Error, name);
    assert.equal(/** @type {import("opkit").OpkitError} */ (e).code, name);
    assert.equal(e.message, `about ${name}`);
    assert.throws(() => opkit.throwError(JSON.stringify({ name, message: "m" })), ErrorClass);
  }
  const future = opkit.toError('{"name":"SomethingNew","message":"m"}');
  assert.ok(future instanceof opkit.OpkitError);
  assert.equal(/** @type {import("opkit").OpkitError} */ (future).code, "SomethingNew");
  const plain = opkit.toError("data did not match any variant of untagged enum Invocation");
  assert.ok(!(plain instanceof opkit.OpkitError));
  assert.equal(plain.message, "data did not match any variant of untagged enum Invocation");
});

test("ReviverFunc and ReplacerFunc convert dates and bytes like @1password/sdk", () => {
  const parsed = JSON.parse(
    '{"createdAt":"2024-05-06T05:08:09.123456Z","title":"2024-05-06T05:08:09Z","content":[104,105],"empty":[],"n":[1,300]}',
    opkit.ReviverFunc,
  );
  assert.ok(parsed.createdAt instanceof Date);
  assert.equal(parsed.createdAt.toISOString(), "2024-05-06T05:08:09.123Z");
  assert.equal(parsed.title, "2024-05-06T05:08:09Z");
  assert.deepEqual(parsed.content, new Uint8Array([104, 105]));
  assert.deepEqual(parsed.empty, []);
  assert.deepEqual(parsed.n, [1, 300]);
  const text = JSON.stringify(
    { when: new Date(0), bytes: new Uint8Array([1, 2]), buffer: Buffer.from("hi") },
    opkit.ReplacerFunc,
  );
  assert.equal(text, '{"when":"1970-01-01T00:00:00.000Z","bytes":[1,2],"buffer":[104,105]}');
});

test("the ES module entry exports the same objects as the CommonJS one", async () => {
  const esm = await import("opkit");
  assert.equal(esm.createClient, opkit.createClient);
  assert.equal(esm.ItemApiError, opkit.ItemApiError);
  // The default export is the CommonJS module object, as `import sdk from "@1password/sdk"` gives.
  assert.equal(/** @type {{ default: typeof opkit }} */ (/** @type {unknown} */ (esm)).default.Secrets, opkit.Secrets);
  assert.equal(esm.READ_ITEMS, 32);
});

test("the public names of @1password/sdk are all exported", () => {
  const names = [
    "createClient", "Client", "Secrets", "Items", "ItemsShares", "ItemsFiles", "Vaults", "Groups",
    "Environments", "DesktopAuth", "DEFAULT_INTEGRATION_NAME", "DEFAULT_INTEGRATION_VERSION",
    "DesktopSessionExpiredError", "RateLimitExceededError", "AuthExpiredError", "throwError",
    "ReviverFunc", "ReplacerFunc", "GroupType", "GroupState", "VaultAccessorType", "ItemCategory",
    "ItemFieldType", "AutofillBehavior", "ItemState", "ItemShareDuration", "AllowedType",
    "AllowedRecipientType", "VaultType", "SeparatorType", "WordListType",
  ];
  for (const name of names) {
    assert.ok(name in opkit, name);
  }
  const permissions = {
    NO_ACCESS: 0, RECOVER_VAULT: 1, MANAGE_VAULT: 2, REVEAL_ITEM_PASSWORD: 16, READ_ITEMS: 32,
    UPDATE_ITEMS: 64, CREATE_ITEMS: 128, ARCHIVE_ITEMS: 256, DELETE_ITEMS: 512,
    UPDATE_ITEM_HISTORY: 1024, SEND_ITEMS: 1048576, IMPORT_ITEMS: 2097152, EXPORT_ITEMS: 4194304,
    PRINT_ITEMS: 8388608,
  };
  for (const [name, value] of Object.entries(permissions)) {
    assert.equal(/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (opkit))[name], value, name);
  }
  assert.equal(opkit.ItemCategory.ApiCredentials, "ApiCredentials");
  assert.equal(opkit.VaultType.UserCreated, "userCreated");
  assert.equal(opkit.SeparatorType.DigitsAndSymbols, "digitsAndSymbols");
  assert.equal(opkit.GroupType.ExternalAccountManagers, "externalAccountManagers");
  assert.equal(opkit.VaultAccessorType.Broker, "broker");
});
