export * from "./capacityReservations";
export * from "./naming";
export * from "./schedules";
export * from "./validation";
export * from "./policies";
export * from "./pure";
