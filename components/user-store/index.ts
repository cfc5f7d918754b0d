export * from "./pure";
