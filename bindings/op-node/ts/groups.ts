/** `client.groups`. */
import type { InnerClient } from "./core";
import type { Group, GroupGetParams } from "./types";

/** Operations on groups. */
export interface GroupsApi {
  /** A group, with its vault access if `groupParams.vaultPermissions`. */
  get(groupId: string, groupParams: GroupGetParams): Promise<Group>;
}

/** The groups namespace of a client. */
export class Groups implements GroupsApi {
  #inner: InnerClient;

  constructor(inner: InnerClient) {
    this.#inner = inner;
  }

  get(groupId: string, groupParams: GroupGetParams): Promise<Group> {
    return this.#inner.invoke("GroupsGet", { group_id: groupId, group_params: groupParams }, { ref: "Group" });
  }
}
