/**
 * The invocation envelope (protocol §4): one place that serialises a call, hands it to the
 * native core and turns its reply or error text into JS values.
 */
import { core } from "./native";
import { coreText, toError } from "./errors";
import { ReplacerFunc, revive, type Shape } from "./wire";

/** The core-side client a namespace talks to; `id` is the core's client id. */
export class InnerClient {
  /** The core's client id. */
  readonly id: number;

  constructor(id: number) {
    this.id = id;
  }

  /** Runs a client invocation and returns the result's JSON text (`""` for unit results). */
  async invokeText(name: string, parameters: Record<string, unknown>): Promise<string> {
    const invocation = JSON.stringify(
      { invocation: { clientId: this.id, parameters: { name, parameters } } },
      ReplacerFunc,
    );
    try {
      return await core.invoke(invocation);
    } catch (thrown) {
      throw toError(coreText(thrown));
    }
  }

  /**
   * Runs a client invocation and parses its result as `result` says (timestamps as `Date`,
   * bytes as `Uint8Array`, objects holding a secret printed redacted).
   */
  async invoke<T>(name: string, parameters: Record<string, unknown>, result: Shape): Promise<T> {
    return revive(JSON.parse(await this.invokeText(name, parameters)), result) as T;
  }

  /** Runs a client invocation whose result is unit. */
  async invokeVoid(name: string, parameters: Record<string, unknown>): Promise<void> {
    await this.invokeText(name, parameters);
  }
}
