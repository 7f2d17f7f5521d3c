"""Vaults, with the blocking SyncClient: `python vaults_example.py`."""

import os

from opkit import READ_ITEMS, SyncClient, VaultCreateParams, VaultGetParams, VaultUpdateParams

with SyncClient.authenticate(os.environ["OP_SERVICE_ACCOUNT_TOKEN"], "opkit example", "1.0") as c:
    vault = c.vaults.create(VaultCreateParams(title="Example Vault", description="demo"))
    vault = c.vaults.update(vault.id, VaultUpdateParams(title="Example Vault (renamed)"))
    detailed = c.vaults.get(vault.id, VaultGetParams(accessors=True))
    for access in detailed.access or []:
        print(access.accessor_type.value, "can read:", bool(access.permissions & READ_ITEMS))
    print([v.title for v in c.vaults.list()])
    c.vaults.delete(vault.id)
