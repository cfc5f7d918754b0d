export * from "./scalingWebTier";
export * from "./network";
export * from "./pure";
