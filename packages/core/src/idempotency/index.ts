export { idempotencyKeyReused } from "./errors";
export { hashInput } from "./input-hash";
export { claimKey, recordAnswer, replay, type FirstUse, type KeyUse } from "./store";
