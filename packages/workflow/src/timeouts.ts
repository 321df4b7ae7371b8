import { type WorkflowDefinition } from "./definition";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Returns the key of the state's time-out transition once it is due, else
 * null. The clock is passed in so a scheduler (and tests) decide what "now"
 * is. Whether the transition's guard holds is for the caller to check with
 * the instance data when it applies the transition.
 */
export function dueTimeouts(
  definition: WorkflowDefinition,
  state: string,
  enteredAt: Date,
  now: Date,
): string | null {
  const timeout = definition.states.find((s) => s.key === state)?.timeout;
  if (timeout === undefined) return null;
  const deadline = enteredAt.getTime() + timeout.afterHours * HOUR_MS;
  // An invalid date yields NaN, which makes the comparison false: never fire
  // a time-out on a clock we cannot read.
  return now.getTime() >= deadline ? timeout.transition : null;
}
