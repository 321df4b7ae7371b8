export * from "./admin";
export * from "./auth";
export * from "./invitations";
export * from "./permissions";
export * from "./projects";
export * from "./settings";
export * from "./users";
export * from "./workflows";
