export * from "./backupPolicy";
export * from "./validation";
export * from "./schedule";
export * from "./plan";
export * from "./selection";
export * from "./goldenImage";
export * from "./windows";
export * from "./policies";
