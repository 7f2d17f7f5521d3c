// The ES module entry: the CommonJS build re-exported, so `import` and `require` share one copy
// of the native core, the client registry and the error classes (`instanceof` works across both).
import opkit from "./dist/index.js";

export * from "./dist/index.js";
export default opkit;
