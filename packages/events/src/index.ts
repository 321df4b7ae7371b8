export * from "./catalogue";
export { emitEvent } from "./emit";
