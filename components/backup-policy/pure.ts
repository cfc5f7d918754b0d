/**
 * The package's pure part: args types, defaults, validators, naming rules, policy
 * documents and decisions, without the component. Requiring `@kgsports/backup-policy/pure` loads
 * no `@pulumi/*` package (a module here may import Pulumi types with `import type` only),
 * so config validation and the CLIs that declare nothing stay fast. index.ts exports all
 * of it too; test/components.pureEntry.test.ts checks both.
 */
export * from "./args";
export * from "./validation";
export * from "./schedule";
export * from "./plan";
export * from "./selection";
export * from "./goldenImage";
export * from "./windows";
export * from "./policies";
