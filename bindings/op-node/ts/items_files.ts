/** `client.items.files`: file fields and documents. */
import type { InnerClient } from "./core";
import type { DocumentCreateParams, FileAttributes, FileCreateParams, Item } from "./types";

/** Files attached to items. */
export interface ItemsFilesApi {
  /** Attaches a file to an item. */
  attach(item: Item, fileParams: FileCreateParams): Promise<Item>;
  /** Reads a file's content. */
  read(vaultId: string, itemId: string, attr: FileAttributes): Promise<Uint8Array>;
  /** Removes the file field `(sectionId, fieldId)` from an item. */
  delete(item: Item, sectionId: string, fieldId: string): Promise<Item>;
  /** Replaces the file of a Document item. */
  replaceDocument(item: Item, docParams: DocumentCreateParams): Promise<Item>;
}

/** The files namespace of a client. */
export class ItemsFiles implements ItemsFilesApi {
  #inner: InnerClient;

  constructor(inner: InnerClient) {
    this.#inner = inner;
  }

  attach(item: Item, fileParams: FileCreateParams): Promise<Item> {
    return this.#inner.invoke("ItemsFilesAttach", { item, file_params: fileParams }, { ref: "Item" });
  }

  read(vaultId: string, itemId: string, attr: FileAttributes): Promise<Uint8Array> {
    return this.#inner.invoke("ItemsFilesRead", { vault_id: vaultId, item_id: itemId, attr }, "bytes");
  }

  delete(item: Item, sectionId: string, fieldId: string): Promise<Item> {
    return this.#inner.invoke(
      "ItemsFilesDelete",
      { item, section_id: sectionId, field_id: fieldId },
      { ref: "Item" },
    );
  }

  replaceDocument(item: Item, docParams: DocumentCreateParams): Promise<Item> {
    return this.#inner.invoke("ItemsFilesReplaceDocument", { item, doc_params: docParams }, { ref: "Item" });
  }
}
