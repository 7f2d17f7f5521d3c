/** `client.secrets` and the static `Secrets.validateSecretReference` / `Secrets.generatePassword`. */
import type { InnerClient } from "./core";
import { coreText, toError } from "./errors";
import { core } from "./native";
import { markRedacted } from "./wire";
import type { GeneratePasswordResponse, PasswordRecipe, ResolveAllResponse } from "./types";

/** Loads secrets by `op://<vault>/<item>/[<section>/]<field>` reference. */
export interface SecretsApi {
  /** The secret a reference points to. */
  resolve(secretReference: string): Promise<string>;
  /** The secrets several references point to, or why each could not be resolved. */
  resolveAll(secretReferences: string[]): Promise<ResolveAllResponse>;
}

/** The secrets namespace of a client. */
export class Secrets implements SecretsApi {
  #inner: InnerClient;

  constructor(inner: InnerClient) {
    this.#inner = inner;
  }

  resolve(secretReference: string): Promise<string> {
    return this.#inner.invoke<string>("SecretsResolve", { secret_reference: secretReference }, "plain");
  }

  resolveAll(secretReferences: string[]): Promise<ResolveAllResponse> {
    return this.#inner.invoke<ResolveAllResponse>(
      "SecretsResolveAll",
      { secret_references: secretReferences },
      { ref: "ResolveAllResponse" },
    );
  }

  /** Throws `ParsingSecretReferenceError` if the reference is malformed. */
  static validateSecretReference(secretReference: string): void {
    try {
      // The core's ValidateSecretReference without the JSON envelope (a hot, sync call).
      core.validate_secret_reference(secretReference);
    } catch (thrown) {
      throw toError(coreText(thrown));
    }
  }

  /** A new password from a recipe; throws `InvalidConfigurationError` for a recipe out of range. */
  static generatePassword(recipe: PasswordRecipe): GeneratePasswordResponse {
    try {
      // The core's GeneratePassword without the JSON envelope (a hot, sync call).
      const response: GeneratePasswordResponse = { password: core.generate_password(JSON.stringify(recipe)) };
      markRedacted(response, "GeneratePasswordResponse");
      return response;
    } catch (thrown) {
      throw toError(coreText(thrown));
    }
  }
}
