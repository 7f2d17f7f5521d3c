"""Load secrets by reference: `python secrets_example.py VAULT_ID` (token in the environment)."""

import asyncio
import os
import sys

from opkit import Client, ItemCategory, ItemCreateParams, ItemField, ItemFieldType


async def main(vault_id: str) -> None:
    token = os.environ["OP_SERVICE_ACCOUNT_TOKEN"]
    async with await Client.authenticate(token, "opkit example", "1.0") as client:
        await client.items.create(
            ItemCreateParams(
                category=ItemCategory.LOGIN,
                vault_id=vault_id,
                title="Example DB",
                fields=[
                    ItemField(
                        id="password",
                        title="password",
                        field_type=ItemFieldType.CONCEALED,
                        value="s3cr3t",
                    )
                ],
            )
        )
        print(await client.secrets.resolve(f"op://{vault_id}/Example DB/password"))
        refs = [f"op://{vault_id}/Example DB/password", f"op://{vault_id}/Missing/password"]
        for ref, response in (await client.secrets.resolve_all(refs)).individual_responses.items():
            print(ref, "->", response.content.secret if response.content else response.error)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
