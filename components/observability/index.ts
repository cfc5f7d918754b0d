export * from "./observability";
export * from "./validation";
export * from "./alarms";
export * from "./composite";
export * from "./dashboard";
export * from "./agent";
export * from "./accessLogs";
export * from "./policies";
