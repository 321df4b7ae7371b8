export * from "./access-token";
export * from "./env";
export * from "./opaque-token";
export * from "./password";
