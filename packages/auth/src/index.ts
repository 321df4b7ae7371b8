export * from "./access-token";
export * from "./challenge-token";
export * from "./env";
export * from "./key-list";
export * from "./opaque-token";
export * from "./password";
export * from "./secret-box";
export * from "./external-identity";
