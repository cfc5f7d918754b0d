/**
 * The package's pure part: args types, defaults, validators, naming rules, policy
 * documents and decisions, without the component. Requiring `@kgsports/access-control/pure` loads
 * no `@pulumi/*` package (a module here may import Pulumi types with `import type` only),
 * so config validation and the CLIs that declare nothing stay fast. index.ts exports all
 * of it too; test/components.pureEntry.test.ts checks both.
 */
export * from "./args";
export * from "./policies";
export * from "./pipelinePolicies";
export * from "./resourceActions";
export * from "./githubOidc";
export * from "./members";
export * from "./naming";
export * from "./passwordPolicy";
