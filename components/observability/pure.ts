/**
 * The package's pure part: args types, defaults, validators, naming rules, policy
 * documents and decisions, without the component. Requiring `@kgsports/observability/pure` loads
 * no `@pulumi/*` package (a module here may import Pulumi types with `import type` only),
 * so config validation and the CLIs that declare nothing stay fast. index.ts exports all
 * of it too; test/components.pureEntry.test.ts checks both.
 */
export * from "./args";
export * from "./validation";
export * from "./alarms";
export * from "./composite";
export * from "./dashboard";
export * from "./agent";
export * from "./accessLogs";
export * from "./policies";
export * from "./canary";
export * from "./agentScope";
