export * from "./auth";
export * from "./permissions";
