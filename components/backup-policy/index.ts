export * from "./backupPolicy";
export * from "./pure";
