export * from "./role";
