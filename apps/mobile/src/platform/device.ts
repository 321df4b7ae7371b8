import { Platform } from "react-native";

/** How this phone appears in the account's device list. */
export function deviceLabel(): string {
  const system =
    Platform.OS === "ios" ? "iOS" : Platform.OS === "android" ? "Android" : Platform.OS;
  return `FastNext on ${system}`;
}
