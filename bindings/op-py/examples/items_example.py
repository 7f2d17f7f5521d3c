"""Create, edit, list, archive and delete items: `python items_example.py VAULT_ID`."""

import asyncio
import os
import sys

from opkit import (
    AutofillBehavior,
    Client,
    ItemCategory,
    ItemCreateParams,
    ItemField,
    ItemFieldType,
    ItemListFilterByState,
    ItemListFilterByStateInner,
    ItemSection,
    Website,
)


async def main(vault_id: str) -> None:
    client = await Client.authenticate(
        os.environ["OP_SERVICE_ACCOUNT_TOKEN"], "opkit example", "1.0"
    )
    item = await client.items.create(
        ItemCreateParams(
            category=ItemCategory.LOGIN,
            vault_id=vault_id,
            title="Example Login",
            sections=[ItemSection(id="extra", title="Extra")],
            fields=[
                ItemField(
                    id="username", title="username", field_type=ItemFieldType.TEXT, value="al"
                ),
                ItemField(
                    id="pin",
                    title="pin",
                    section_id="extra",
                    field_type=ItemFieldType.CONCEALED,
                    value="1234",
                ),
            ],
            websites=[
                Website(
                    url="https://example.com",
                    label="website",
                    autofill_behavior=AutofillBehavior.ANYWHEREONWEBSITE,
                )
            ],
            tags=["example"],
        )
    )
    item.title = "Example Login (edited)"
    item = await client.items.put(item)
    print(item.title, "version", item.version)
    await client.items.archive(vault_id, item.id)
    everything = ItemListFilterByState(
        content=ItemListFilterByStateInner(active=True, archived=True)
    )
    for overview in await client.items.list(vault_id, everything):
        print(overview.title, overview.state.value)
    await client.items.delete(vault_id, item.id)
    client.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
