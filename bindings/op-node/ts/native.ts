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

/** The platform suffixes napi-rs gives addons (`opkit.<suffix>.node`), most likely first. */
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

function load(): NativeCore {
  const root = join(__dirname, "..");
  const tried: string[] = [];
  for (const suffix of suffixes()) {
    const file = join(root, `opkit.${suffix}.node`);
    tried.push(file);
    if (existsSync(file)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(file) as NativeCore;
    }
  }
  throw new Error(
    `opkit has no native core for ${process.platform}-${process.arch} (looked for ${tried.join(", ")}). ` +
      "Install an opkit package built for this platform, or build one from source with " +
      "`cargo xtask test` in the opkit repository (needs Rust).",
  );
}

/** The addon, loaded once per process. */
export const core: NativeCore = load();
