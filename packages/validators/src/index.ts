export * from "./admin";
export * from "./auth";
export * from "./permissions";
export * from "./primitives";
export * from "./projects";
export * from "./settings";
export * from "./users";
export * from "./workflows";
