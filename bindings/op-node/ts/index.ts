/**
 * opkit: the API of `@1password/sdk` on an encrypted local vault file, backed by opkit's native
 * Rust core. `createClient`, the namespaces, every type, enum and permission constant, and one
 * typed error class per core error name.
 */
export { createClient, Client } from "./client";
export { DesktopAuth, LANGUAGE, VERSION, getOsName } from "./configuration";
export type { ClientConfiguration, WorkloadDetails } from "./configuration";
export { InnerClient } from "./core";
export { Secrets } from "./secrets";
export type { SecretsApi } from "./secrets";
export { Items } from "./items";
export type { ItemsApi } from "./items";
export { ItemsShares } from "./items_shares";
export type { ItemsSharesApi } from "./items_shares";
export { ItemsFiles } from "./items_files";
export type { ItemsFilesApi } from "./items_files";
export { Vaults } from "./vaults";
export type { VaultsApi } from "./vaults";
export { Groups } from "./groups";
export type { GroupsApi } from "./groups";
export { Environments } from "./environments";
export type { EnvironmentsApi } from "./environments";
export * from "./errors";
export * from "./types";
export type { ErrorMessage } from "./aliases";
export { ReplacerFunc, ReviverFunc } from "./wire";

/** The integration name `@1password/sdk` suggests when there is none. */
export const DEFAULT_INTEGRATION_NAME = "Unknown";
/** The integration version `@1password/sdk` suggests when there is none. */
export const DEFAULT_INTEGRATION_VERSION = "Unknown";
