/** System-wide settings. */
export { readSystemSettings, updateSystemSettings } from "./system";
