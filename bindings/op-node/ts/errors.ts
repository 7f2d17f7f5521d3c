/**
 * One `Error` subclass per error name of the core (protocol §5), each with the name as a stable
 * `code`. The class names match `@1password/sdk` where it has one (`DesktopSessionExpiredError`,
 * `RateLimitExceededError`, `AuthExpiredError`).
 */

/**
 * Base class of every error the core reports; `code` is the core's stable error name and
 * `reason`, when the core sends one, a stable finer cause to branch on instead of the message.
 */
export class OpkitError extends Error {
  /** The core's error name, e.g. `"ItemApi"`. */
  readonly code: string;
  /**
   * The envelope's optional `reason` key (`"NotFound"`, `"PermissionDenied"`, `"VersionConflict"`,
   * `"KeyRotated"`, `"Busy"`, `"NotImplemented"`, `"Revoked"`, `"TooLarge"`, `"Invalid"`,
   * `"Internal"`, or one a newer core adds); `undefined` when the core sent none. The official
   * wrappers ignore the key.
   */
  readonly reason: string | undefined;

  constructor(code: string, message: string, reason?: string) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.name = new.target.name;
  }
}

/** A service-account token that could not be read. */
export class ServiceAccountTokenParsingError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("ServiceAccountTokenParsing", message, reason);
  }
}
/** A workload-identity secret that could not be read. */
export class CustomerManagedSecretParsingError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("CustomerManagedSecretParsing", message, reason);
  }
}
/** A workload-identity keyset that could not be decrypted. */
export class WorkloadKeysetDecryptionError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("WorkloadKeysetDecryption", message, reason);
  }
}
/** Authentication failed. */
export class AuthError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("Auth", message, reason);
  }
}
/** An item, vault, file or permission operation failed. */
export class ItemApiError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("ItemApi", message, reason);
  }
}
/** `secrets.resolve` could not resolve a reference. */
export class ResolvingSecretReferenceError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("ResolvingSecretReference", message, reason);
  }
}
/** `Secrets.validateSecretReference` found a malformed reference. */
export class ParsingSecretReferenceError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("ParsingSecretReference", message, reason);
  }
}
/** The password generator failed. */
export class GeneratingPasswordError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("GeneratingPassword", message, reason);
  }
}
/** An SSH private key could not be parsed. */
export class ParsingPrivateKeyError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("ParsingPrivateKey", message, reason);
  }
}
/** The client configuration or a password recipe broke a rule (all are listed). */
export class InvalidConfigurationError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("InvalidConfiguration", message, reason);
  }
}
/** Updating a group's vault permissions failed. */
export class UpdatingGroupVaultPermissionsError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("UpdatingGroupVaultPermissionsError", message, reason);
  }
}
/** Revoking a group's vault permissions failed. */
export class RevokingGroupVaultPermissionsError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("RevokingGroupVaultPermissionsError", message, reason);
  }
}
/** A group could not be read. */
export class GettingGroupError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("GettingGroup", message, reason);
  }
}
/** A desktop-app session expired. */
export class DesktopSessionExpiredError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("DesktopSessionExpired", message, reason);
  }
}
/** The server refused the call because of its rate limit. */
export class RateLimitExceededError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("RateLimitExceeded", message, reason);
  }
}
/** The authentication expired. */
export class AuthExpiredError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("AuthExpired", message, reason);
  }
}
/** A bug or an unexpected state inside the core. */
export class InternalError extends OpkitError {
  constructor(message: string, reason?: string) {
    super("Internal", message, reason);
  }
}

const byName: Record<string, new (message: string, reason?: string) => OpkitError> = {
  ServiceAccountTokenParsing: ServiceAccountTokenParsingError,
  CustomerManagedSecretParsing: CustomerManagedSecretParsingError,
  WorkloadKeysetDecryption: WorkloadKeysetDecryptionError,
  Auth: AuthError,
  ItemApi: ItemApiError,
  ResolvingSecretReference: ResolvingSecretReferenceError,
  ParsingSecretReference: ParsingSecretReferenceError,
  GeneratingPassword: GeneratingPasswordError,
  ParsingPrivateKey: ParsingPrivateKeyError,
  InvalidConfiguration: InvalidConfigurationError,
  UpdatingGroupVaultPermissionsError: UpdatingGroupVaultPermissionsError,
  RevokingGroupVaultPermissionsError: RevokingGroupVaultPermissionsError,
  GettingGroup: GettingGroupError,
  DesktopSessionExpired: DesktopSessionExpiredError,
  RateLimitExceeded: RateLimitExceededError,
  AuthExpired: AuthExpiredError,
  Internal: InternalError,
};

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
  const ErrorClass = byName[name];
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
