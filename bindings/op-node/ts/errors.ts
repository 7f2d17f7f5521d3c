/**
 * The core's errors as JS errors: one `Error` subclass per error name of the core (protocol §5),
 * generated from the schema into error_classes.ts, each with the name as a stable `code` and the
 * envelope's optional `reason`.
 */
import { OpkitError } from "./error_base";
import { ERROR_CLASSES } from "./error_classes";

export { OpkitError } from "./error_base";
export * from "./error_classes";

/**
 * The typed error for a core error text: a JSON envelope `{"name","message"[,"reason"]}` becomes its
 * subclass (an unknown name an `OpkitError` with that code); any other text, which the core uses
 * for malformed invocations, a plain `Error`, as in `@1password/sdk`.
 */
export function toError(errString: string): Error {
  let envelope: unknown;
  try {
    envelope = JSON.parse(errString);
  } catch {
    return new Error(errString);
  }
  if (typeof envelope !== "object" || envelope === null) {
    return new Error(errString);
  }
  const { name, message, reason } = envelope as { name?: unknown; message?: unknown; reason?: unknown };
  if (typeof name !== "string" || typeof message !== "string") {
    return new Error(errString);
  }
  // Lenient: a reason that is not a non-empty string is treated as absent.
  const why = typeof reason === "string" && reason !== "" ? reason : undefined;
  const ErrorClass = ERROR_CLASSES[name];
  return ErrorClass ? new ErrorClass(message, why) : new OpkitError(name, message, why);
}

/** Throws the typed error for a core error text (the `@1password/sdk` export of that name). */
export const throwError = (errString: string): never => {
  throw toError(errString);
};

/** The core's error text from what the addon threw: an `Error` carrying it, or the text itself. */
export function coreText(thrown: unknown): string {
  if (thrown instanceof Error) {
    return thrown.message;
  }
  return String(thrown);
}
