// The same with require(): the CommonJS entry point.
const { createClient, Secrets } = require("opkit");

async function main() {
  const client = await createClient({
    auth: process.env.OP_SERVICE_ACCOUNT_TOKEN ?? "",
    integrationName: "opkit quickstart",
    integrationVersion: "1.0.0",
  });
  const vaults = await client.vaults.list();
  console.log(`${vaults.length} vault(s): ${vaults.map((v) => v.title).join(", ")}`);
  const { password } = Secrets.generatePassword({
    type: "Random",
    parameters: { length: 20, includeDigits: true, includeSymbols: true },
  });
  console.log(`generated a ${password.length}-character password`);
  client.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
