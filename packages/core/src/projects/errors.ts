import { AppError } from "../errors";

/**
 * A write that matched nothing although the checks just passed: another
 * request removed the row, or took the caller's role away, in between.
 */
export function changedMeanwhile(): AppError {
  return new AppError("CONFLICT", "This changed meanwhile; reload and try again", {
    reason: "concurrent_change",
  });
}
