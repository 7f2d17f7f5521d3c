/** `client.items.shares`: share links. */
import type { InnerClient } from "./core";
import type { Item, ItemShareAccountPolicy, ItemShareParams, ValidRecipient } from "./types";

/** Share links for items. */
export interface ItemsSharesApi {
  /** The account's sharing policy for an item. */
  getAccountPolicy(vaultId: string, itemId: string): Promise<ItemShareAccountPolicy>;
  /** Checks recipients (emails or domains) against a policy. */
  validateRecipients(policy: ItemShareAccountPolicy, recipients: string[]): Promise<ValidRecipient[]>;
  /** Creates a share link and returns its URL. */
  create(item: Item, policy: ItemShareAccountPolicy, params: ItemShareParams): Promise<string>;
}

/** The shares namespace of a client. */
export class ItemsShares implements ItemsSharesApi {
  #inner: InnerClient;

  constructor(inner: InnerClient) {
    this.#inner = inner;
  }

  getAccountPolicy(vaultId: string, itemId: string): Promise<ItemShareAccountPolicy> {
    return this.#inner.invoke(
      "ItemsSharesGetAccountPolicy",
      { vault_id: vaultId, item_id: itemId },
      { ref: "ItemShareAccountPolicy" },
    );
  }

  validateRecipients(policy: ItemShareAccountPolicy, recipients: string[]): Promise<ValidRecipient[]> {
    return this.#inner.invoke("ItemsSharesValidateRecipients", { policy, recipients }, { list: { ref: "ValidRecipient" } });
  }

  create(item: Item, policy: ItemShareAccountPolicy, params: ItemShareParams): Promise<string> {
    return this.#inner.invoke("ItemsSharesCreate", { item, policy, params }, "plain");
  }
}
