export * from "./capacityReservations";
export * from "./pure";
