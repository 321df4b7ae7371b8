export * from "./admin";
export * from "./auth";
export * from "./idempotency";
export * from "./permissions";
export * from "./projects";
export * from "./settings";
export * from "./users";
export * from "./workflows";
