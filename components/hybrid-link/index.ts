export * from "./hybridLink";
export * from "./tunnelOptions";
export * from "./failover/code";
export * from "./pure";
