export * from "./userStore";
export * from "./pure";
