import { AppError } from "../../errors";

export function instanceNotFound(): AppError {
  return new AppError("NOT_FOUND", "No such workflow instance", { reason: "instance_not_found" });
}

/** Someone changed the instance since the caller looked: they learn what it is now. */
export function staleVersion(current: { state: string; version: number }): AppError {
  return new AppError("CONFLICT", "Someone else changed this item first; reload it and try again", {
    reason: "stale_version",
    details: { currentState: current.state, currentVersion: current.version },
  });
}

export function transitionNotAllowed(
  message = "You are not allowed to change this item",
): AppError {
  return new AppError("FORBIDDEN", message, { reason: "transition_not_allowed" });
}
