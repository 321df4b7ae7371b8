import { focusManager } from "@tanstack/react-query";
import { AppState } from "react-native";

/**
 * Tells the query cache when the app comes to the front or goes to the
 * back: polling pauses in the background, and stale screens are read again
 * on return.
 */
export function followAppState(): () => void {
  const subscription = AppState.addEventListener("change", (state) => {
    focusManager.setFocused(state === "active");
  });
  return () => subscription.remove();
}
