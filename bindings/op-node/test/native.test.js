// The addon itself: the official core module's four names, errors carrying the core's text, and
// many concurrent calls settling correctly from the core's threads.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const opkit = require("opkit");
const { makeAccount, unique } = require("./fixture");

const { core } = require(path.join(__dirname, "..", "dist", "native.js"));

/** @type {ReturnType<typeof makeAccount>} */
let account;
before(() => {
  account = makeAccount(["Native"]);
});
after(() => account.cleanup());

test("the addon exports the official core's functions under the same names", () => {
  for (const name of ["init_client", "invoke", "invoke_sync", "release_client"]) {
    assert.equal(typeof core[name], "function", name);
  }
  const pending = core.invoke("hello");
  assert.ok(pending instanceof Promise);
  return assert.rejects(pending, (e) => e instanceof Error && e.message.startsWith("expected value at line 1 column 1"));
});

test("invoke_sync and release_client throw the core's JSON envelope as the message", () => {
  assert.throws(
    () => core.release_client("424242"),
    (e) => e instanceof Error && JSON.parse(e.message).name === "Internal",
  );
  const envelope = JSON.stringify({
    invocation: { parameters: { name: "ValidateSecretReference", parameters: { secret_reference: "op://x" } } },
  });
  assert.throws(
    () => core.invoke_sync(envelope),
    (e) => e instanceof Error && JSON.parse(e.message).name === "ParsingSecretReference",
  );
});

test("a thousand concurrent resolves on two clients all settle with the right value", async () => {
  const info = { integrationName: "opkit node tests", integrationVersion: "0.1.0" };
  const writer = await opkit.createClient({ ...info, auth: account.vaults.Native.writer });
  const reader = await opkit.createClient({ ...info, auth: account.vaults.Native.reader });
  const vaultId = account.vaults.Native.id;
  const titles = [unique("A"), unique("B")];
  for (const [i, title] of titles.entries()) {
    await writer.items.create({
      category: opkit.ItemCategory.Password,
      vaultId,
      title,
      fields: [{ id: "password", title: "password", fieldType: opkit.ItemFieldType.Concealed, value: `secret-${i}` }],
    });
  }
  const calls = [];
  for (let n = 0; n < 1000; n++) {
    const client = n % 2 ? reader : writer;
    if (n % 10 === 9) {
      calls.push(client.secrets.resolve(`op://${vaultId}/missing/password`).then(() => "resolved?", (e) => e.code));
    } else {
      calls.push(client.secrets.resolve(`op://${vaultId}/${titles[n % 2]}/password`));
    }
  }
  const results = await Promise.all(calls);
  results.forEach((value, n) => {
    assert.equal(value, n % 10 === 9 ? "ResolvingSecretReference" : `secret-${n % 2}`, `call ${n}`);
  });
  writer.close();
  reader.close();
});

test("a pending call keeps the process alive until it settles", () => {
  const script = `
    const opkit = require(${JSON.stringify(path.join(__dirname, ".."))});
    opkit.createClient({ auth: process.env.TOKEN, integrationName: "t", integrationVersion: "1" })
      .then((c) => c.vaults.list())
      .then((v) => console.log(v.map((x) => x.title).join(",")));
  `;
  const out = execFileSync(process.execPath, ["-e", script], {
    env: { ...process.env, TOKEN: account.vaults.Native.writer },
  }).toString();
  assert.equal(out.trim(), "Native");
});
