/** `client.items`: create, read, update, archive, delete and list items. */
import type { InnerClient } from "./core";
import { ItemsFiles, type ItemsFilesApi } from "./items_files";
import { ItemsShares, type ItemsSharesApi } from "./items_shares";
import type {
  Item,
  ItemCreateParams,
  ItemListFilter,
  ItemOverview,
  ItemsDeleteAllResponse,
  ItemsGetAllResponse,
  ItemsUpdateAllResponse,
} from "./types";

/** Operations on items. */
export interface ItemsApi {
  shares: ItemsSharesApi;
  files: ItemsFilesApi;
  /** Creates an item. */
  create(params: ItemCreateParams): Promise<Item>;
  /** Creates items in one vault; each fails or succeeds on its own. */
  createAll(vaultId: string, params: ItemCreateParams[]): Promise<ItemsUpdateAllResponse>;
  /** An item by vault and item id. */
  get(vaultId: string, itemId: string): Promise<Item>;
  /** Items of one vault by id; each fails or succeeds on its own. */
  getAll(vaultId: string, itemIds: string[]): Promise<ItemsGetAllResponse>;
  /** Replaces an item; fails if `item.version` is stale. */
  put(item: Item): Promise<Item>;
  /** Moves an item to Recently Deleted. */
  delete(vaultId: string, itemId: string): Promise<void>;
  /** Deletes items of one vault; each fails or succeeds on its own. */
  deleteAll(vaultId: string, itemIds: string[]): Promise<ItemsDeleteAllResponse>;
  /** Archives an item. */
  archive(vaultId: string, itemId: string): Promise<void>;
  /** The items of a vault (active ones unless a filter says otherwise). */
  list(vaultId: string, ...filters: ItemListFilter[]): Promise<ItemOverview[]>;
}

/** The items namespace of a client. */
export class Items implements ItemsApi {
  #inner: InnerClient;
  shares: ItemsSharesApi;
  files: ItemsFilesApi;

  constructor(inner: InnerClient) {
    this.#inner = inner;
    this.shares = new ItemsShares(inner);
    this.files = new ItemsFiles(inner);
  }

  create(params: ItemCreateParams): Promise<Item> {
    return this.#inner.invoke("ItemsCreate", { params }, { ref: "Item" });
  }

  createAll(vaultId: string, params: ItemCreateParams[]): Promise<ItemsUpdateAllResponse> {
    return this.#inner.invoke("ItemsCreateAll", { vault_id: vaultId, params }, { ref: "ItemsUpdateAllResponse" });
  }

  get(vaultId: string, itemId: string): Promise<Item> {
    return this.#inner.invoke("ItemsGet", { vault_id: vaultId, item_id: itemId }, { ref: "Item" });
  }

  getAll(vaultId: string, itemIds: string[]): Promise<ItemsGetAllResponse> {
    return this.#inner.invoke("ItemsGetAll", { vault_id: vaultId, item_ids: itemIds }, { ref: "ItemsGetAllResponse" });
  }

  put(item: Item): Promise<Item> {
    return this.#inner.invoke("ItemsPut", { item }, { ref: "Item" });
  }

  delete(vaultId: string, itemId: string): Promise<void> {
    return this.#inner.invokeVoid("ItemsDelete", { vault_id: vaultId, item_id: itemId });
  }

  deleteAll(vaultId: string, itemIds: string[]): Promise<ItemsDeleteAllResponse> {
    return this.#inner.invoke("ItemsDeleteAll", { vault_id: vaultId, item_ids: itemIds }, { ref: "ItemsDeleteAllResponse" });
  }

  archive(vaultId: string, itemId: string): Promise<void> {
    return this.#inner.invokeVoid("ItemsArchive", { vault_id: vaultId, item_id: itemId });
  }

  list(vaultId: string, ...filters: ItemListFilter[]): Promise<ItemOverview[]> {
    return this.#inner.invoke("ItemsList", { vault_id: vaultId, filters }, { list: { ref: "ItemOverview" } });
  }
}
