/** Names of `@1password/sdk` that the schema has no definition for (plain aliases). */

/** A human-readable error message carried inside a batch or resolve result. */
export type ErrorMessage = string;
