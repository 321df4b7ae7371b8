export * from "./env";
export * from "./limiter";
export * from "./redis";
export * from "./write-marks";
