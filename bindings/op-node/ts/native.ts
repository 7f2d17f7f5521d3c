/**
 * Loads the prebuilt Node-API addon for this platform. The addon exports the official core's
 * four functions (`init_client`, `invoke`, `invoke_sync`, `release_client`) plus two typed fast
 * paths; everything else in this package converts values and maps errors.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The native core, under the same names as the official `@1password/sdk-core` module. */
export interface NativeCore {
  init_client(config: string): Promise<string>;
  invoke(invocation: string): Promise<string>;
  invoke_sync(invocation: string): string;
  release_client(clientId: string): void;
  validate_secret_reference(secretReference: string): void;
  generate_password(recipe: string): string;
}

/** The napi-rs platform suffix (`linux-x64-gnu`, ...) of this process, most likely first. */
function suffixes(): string[] {
  const { platform, arch } = process;
  if (platform === "linux") {
    return [`linux-${arch}-gnu`, `linux-${arch}-musl`];
  }
  if (platform === "win32") {
    return [`win32-${arch}-msvc`];
  }
  return [`${platform}-${arch}`];
}

/**
 * The per-platform package (an optional dependency of `opkit`, the napi-rs convention) that holds
 * the addon. Each name is a literal `require`, so bundlers see every package they may need to
 * keep external.
 */
function requirePlatformPackage(suffix: string): unknown {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (suffix) {
    case "linux-x64-gnu":
      return require("opkit-linux-x64-gnu");
    case "linux-arm64-gnu":
      return require("opkit-linux-arm64-gnu");
    case "linux-x64-musl":
      return require("opkit-linux-x64-musl");
    case "linux-arm64-musl":
      return require("opkit-linux-arm64-musl");
    case "darwin-x64":
      return require("opkit-darwin-x64");
    case "darwin-arm64":
      return require("opkit-darwin-arm64");
    case "win32-x64-msvc":
      return require("opkit-win32-x64-msvc");
    default:
      return undefined;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** True when `e` says that `name` itself is not installed (not that loading it failed). */
function isMissing(e: unknown, name: string): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err.code === "MODULE_NOT_FOUND" && String(err.message).includes(`'${name}'`);
}

function load(): NativeCore {
  const root = join(__dirname, "..");
  const tried: string[] = [];
  for (const suffix of suffixes()) {
    // An addon beside the package (a build inside the repository) wins over an installed one.
    const file = join(root, `opkit.${suffix}.node`);
    if (existsSync(file)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(file) as NativeCore;
    }
    const name = `opkit-${suffix}`;
    tried.push(name);
    try {
      const found = requirePlatformPackage(suffix);
      if (found !== undefined) {
        return found as NativeCore;
      }
    } catch (e) {
      if (!isMissing(e, name)) {
        throw e;
      }
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require("../package.json") as { version: string };
  const wanted = tried[0] ?? `opkit-${process.platform}-${process.arch}`;
  throw new Error(
    `opkit: the native core for ${process.platform}-${process.arch} is not installed: ` +
      `the package ${wanted} is missing (looked for ${tried.join(", ")}). npm installs it as an ` +
      "optional dependency of opkit; it is left out by --omit=optional / --no-optional, or when " +
      `node_modules was copied from another platform. Fix: npm install ${wanted}@${version}. ` +
      "Platforms with a prebuilt core are listed in docs/platforms.md of the opkit repository.",
  );
}

/** The addon, loaded once per process. */
export const core: NativeCore = load();
