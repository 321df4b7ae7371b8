export { recordActivity, type Actor, type ActivityEntry } from "./record";
export { diffRecords, type Changes } from "./redact";
