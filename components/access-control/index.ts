export * from "./accessControl";
export * from "./pure";
