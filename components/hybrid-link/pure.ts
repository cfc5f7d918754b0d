/**
 * The package's pure part: args types, defaults, validators, naming rules, policy
 * documents and decisions, without the component. Requiring `@kgsports/hybrid-link/pure` loads
 * no `@pulumi/*` package (a module here may import Pulumi types with `import type` only),
 * so config validation and the CLIs that declare nothing stay fast. index.ts exports all
 * of it too; test/components.pureEntry.test.ts checks both.
 */
export * from "./args";
export * from "./validation";
export * from "./tunnelSettings";
export * from "./securityRules";
export * from "./policies";
export * from "./failover/alarms";
export * from "./failover/decide";
export * from "./failover/settings";
export * from "./failover/sources";
