/**
 * The package's pure part: args types, defaults, naming rules, policy documents and
 * decisions, without the component. Requiring `@kgsports/user-store/pure` loads no
 * `@pulumi/*` package (a module here may import Pulumi types with `import type` only).
 */
export * from "./args";
export * from "./naming";
export * from "./validation";
export * from "./policies";
export * from "./decisions";
