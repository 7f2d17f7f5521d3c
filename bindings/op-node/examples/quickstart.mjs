// The README example: load secrets from an opkit vault file with the @1password/sdk API.
// Run with OP_SERVICE_ACCOUNT_TOKEN set to a token from `opkit service-account create`.
import { createClient, Secrets, ItemCategory, ItemFieldType } from "opkit";

const client = await createClient({
  auth: process.env.OP_SERVICE_ACCOUNT_TOKEN ?? "",
  integrationName: "opkit quickstart",
  integrationVersion: "1.0.0",
});

const [vault] = await client.vaults.list();
const item = await client.items.create({
  category: ItemCategory.Login,
  vaultId: vault.id,
  title: "Quickstart",
  fields: [
    { id: "username", title: "username", fieldType: ItemFieldType.Text, value: "alice" },
    { id: "password", title: "password", fieldType: ItemFieldType.Concealed, value: "not-a-real-secret" },
  ],
});
console.log(`created ${item.title} on ${item.createdAt.toISOString().slice(0, 10)}`);

const password = await client.secrets.resolve(`op://${vault.title}/Quickstart/password`);
console.log(`resolved a secret of ${password.length} characters`);

Secrets.validateSecretReference("op://vault/item/field");
const { password: pin } = Secrets.generatePassword({ type: "Pin", parameters: { length: 6 } });
console.log(`generated a ${pin.length}-digit PIN`);

await client.items.delete(vault.id, item.id);
client.close();
