/** The base class of the core's errors (the subclasses are generated in error_classes.ts). */

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
