/** What `createClient` takes, and the `ClientConfig` it sends the core (protocol §3). */
import { arch, type } from "node:os";
import { InvalidConfigurationError } from "./errors";
import { SDK_VERSION } from "./wire_shapes";

/** The `programmingLanguage` this package reports. */
export const LANGUAGE = "JS";
/** This package's version: the workspace version, generated from the schema's `x-version`. */
const PACKAGE_VERSION: string = SDK_VERSION;

/** The version as a build number like the official `sdkVersion` (`0.1.0` → `"0010000"`). */
export const VERSION: string = PACKAGE_VERSION.split(/[.-]/)
  .slice(0, 3)
  .map((part, i) => (i === 0 ? part : part.padStart(2, "0")))
  .join("")
  .padEnd(7, "0");

/** Workload-identity details (not supported by opkit's local vaults). */
export interface WorkloadDetails {
  customerManagedSecret: string;
  workloadUuid: string;
}

/** Authenticates with the 1Password desktop app (opkit has none: the core refuses such a client). */
export class DesktopAuth {
  /** The account name or UUID. */
  accountName: string;

  constructor(accountName: string) {
    this.accountName = accountName;
  }
}

/** The options of `createClient`. */
export interface ClientConfiguration {
  /** An opkit service-account token (`ops_…`, from `opkit service-account create`). */
  auth?: string | DesktopAuth;
  integrationName: string;
  integrationVersion: string;
  oidcFetcher?: (audience: string) => Promise<string>;
  workloadDetails?: WorkloadDetails;
}

/** The operating-system name the official wrapper reports (`windows_nt` → `windows`). */
export const getOsName = (): string => {
  const name = type().toLowerCase();
  return name === "windows_nt" ? "windows" : name;
};

/** The `ClientConfig` JSON the core's `init_client` takes. */
export function clientConfigJson(config: ClientConfiguration): string {
  const desktop = config.auth instanceof DesktopAuth ? config.auth : undefined;
  return JSON.stringify({
    serviceAccountToken: typeof config.auth === "string" ? config.auth : "",
    programmingLanguage: LANGUAGE,
    sdkVersion: VERSION,
    integrationName: config.integrationName,
    integrationVersion: config.integrationVersion,
    requestLibraryName: "opkit",
    requestLibraryVersion: PACKAGE_VERSION,
    os: getOsName(),
    osVersion: "0.0.0",
    architecture: arch(),
    accountName: desktop?.accountName,
    workloadDetails: config.workloadDetails,
  });
}

/**
 * Refuses, before the core, the configurations `@1password/sdk` refuses in its wrapper. What
 * opkit itself does not support (desktop app, workload identity) is refused by the core.
 */
export function checkConfiguration(config: ClientConfiguration): void {
  if (!config.auth && !config.oidcFetcher) {
    throw new Error(
      "createClient requires either `auth` (service account token) or `oidcFetcher` (workload identity).",
    );
  }
  if (config.oidcFetcher) {
    // A JS callback cannot reach the core, so this one refusal stays here, with the core's class.
    throw new InvalidConfigurationError(
      "`oidcFetcher` (workload identity) is not supported by opkit; use a service-account token from `opkit service-account create`.",
    );
  }
}
