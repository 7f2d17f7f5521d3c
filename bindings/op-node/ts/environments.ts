/** `client.environments`. */
import type { InnerClient } from "./core";
import type { GetVariablesResponse } from "./types";

/** Operations on Environments. */
export interface EnvironmentsApi {
  /** The variables of an Environment. */
  getVariables(environmentId: string): Promise<GetVariablesResponse>;
}

/** The environments namespace of a client. */
export class Environments implements EnvironmentsApi {
  #inner: InnerClient;

  constructor(inner: InnerClient) {
    this.#inner = inner;
  }

  getVariables(environmentId: string): Promise<GetVariablesResponse> {
    return this.#inner.invoke(
      "EnvironmentsGetVariables",
      { environment_id: environmentId },
      { ref: "GetVariablesResponse" },
    );
  }
}
