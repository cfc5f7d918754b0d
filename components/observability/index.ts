export * from "./observability";
export * from "./pure";
