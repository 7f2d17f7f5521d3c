/** `createClient` and the `Client` with its namespaces. */
import { checkConfiguration, clientConfigJson, type ClientConfiguration } from "./configuration";
import { InnerClient } from "./core";
import { Environments, type EnvironmentsApi } from "./environments";
import { coreText, toError } from "./errors";
import { Groups, type GroupsApi } from "./groups";
import { Items, type ItemsApi } from "./items";
import { core } from "./native";
import { Secrets, type SecretsApi } from "./secrets";
import { Vaults, type VaultsApi } from "./vaults";

function release(id: number): void {
  try {
    core.release_client(JSON.stringify(id));
  } catch (thrown) {
    // As in @1password/sdk: a failed release is reported, never thrown from a finalizer.
    console.warn("opkit: failed to release client:", coreText(thrown));
  }
}

// A client the program forgot to close is released when it is garbage-collected.
const finalizer = new FinalizationRegistry<number>(release);

/** An authenticated client. Call `close()` when done; otherwise it is released when collected. */
export class Client {
  secrets: SecretsApi;
  items: ItemsApi;
  vaults: VaultsApi;
  environments: EnvironmentsApi;
  groups: GroupsApi;
  #inner: InnerClient;
  #closed = false;

  constructor(innerClient: InnerClient) {
    this.#inner = innerClient;
    this.secrets = new Secrets(innerClient);
    this.items = new Items(innerClient);
    this.vaults = new Vaults(innerClient);
    this.environments = new Environments(innerClient);
    this.groups = new Groups(innerClient);
    finalizer.register(this, innerClient.id, this);
  }

  /**
   * Releases the core client now (its caches and open vault file). Calls made afterwards fail
   * with `InternalError`; closing twice does nothing.
   */
  close(): void {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    finalizer.unregister(this);
    try {
      core.release_client(JSON.stringify(this.#inner.id));
    } catch (thrown) {
      throw toError(coreText(thrown));
    }
  }
}

/** Authenticates with a service-account token and returns a client. */
export const createClient = async (config: ClientConfiguration): Promise<Client> => {
  checkConfiguration(config);
  let id: string;
  try {
    id = await core.init_client(clientConfigJson(config));
  } catch (thrown) {
    throw toError(coreText(thrown));
  }
  return new Client(new InnerClient(parseInt(id, 10)));
};
