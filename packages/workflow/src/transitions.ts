import { type Actor, isActorAllowed } from "./actors";
import { type DataDocument } from "./data-fields";
import { type Transition, type WorkflowDefinition } from "./definition";
import { describeGuard } from "./describe-guard";
import { evaluateGuard } from "./evaluate-guard";

export interface InstanceContext {
  state: string;
  data: DataDocument;
  actor: Actor;
}

export interface AvailableTransition {
  key: string;
  name: string;
  to: string;
  requiresComment: boolean;
  /** Present when the guard currently fails: shown, but not fireable. */
  blockedBy?: { guard: string };
}

export type PlanFailureReason =
  | "unknown_transition"
  | "not_from_current_state"
  | "not_allowed"
  | "guard_failed"
  | "comment_required";

export type TransitionPlan =
  | { ok: true; from: string; to: string; transition: Transition }
  | { ok: false; reason: PlanFailureReason; message: string; guard?: string };

/**
 * Lists the transitions the actor could fire from the current state.
 * Guard-blocked ones stay in the list (with the reason) so the UI can say
 * "needs amount <= 1000" instead of the button silently vanishing; ones the
 * actor is not allowed to fire are left out entirely.
 */
export function availableTransitions(
  definition: WorkflowDefinition,
  context: InstanceContext,
): AvailableTransition[] {
  const result: AvailableTransition[] = [];
  for (const transition of definition.transitions) {
    if (!transition.from.includes(context.state)) continue;
    if (!isActorAllowed(transition, context.actor)) continue;
    const item: AvailableTransition = {
      key: transition.key,
      name: transition.name,
      to: transition.to,
      requiresComment: transition.requiresComment,
    };
    if (transition.guard !== undefined && !evaluateGuard(transition.guard, context.data)) {
      item.blockedBy = { guard: describeGuard(transition.guard) };
    }
    result.push(item);
  }
  return result;
}

/**
 * Decides whether a transition may be applied, without applying it: the
 * caller persists the state change and history entry on success. Checks run
 * from the cheapest to explain to the most specific, and permission comes
 * before the guard so an actor who may not act learns nothing about the
 * data-dependent rule.
 */
export function planTransition(
  definition: WorkflowDefinition,
  context: InstanceContext & { transitionKey: string; comment?: string | null },
): TransitionPlan {
  const { state, data, actor, transitionKey, comment } = context;
  const transition = definition.transitions.find((t) => t.key === transitionKey);
  if (transition === undefined) {
    return {
      ok: false,
      reason: "unknown_transition",
      message: `This workflow has no transition "${transitionKey}".`,
    };
  }
  if (!transition.from.includes(state)) {
    return {
      ok: false,
      reason: "not_from_current_state",
      message: `"${transition.name}" cannot be used from state "${state}".`,
    };
  }
  if (!isActorAllowed(transition, actor)) {
    return {
      ok: false,
      reason: "not_allowed",
      message: `You are not allowed to perform "${transition.name}".`,
    };
  }
  if (transition.guard !== undefined && !evaluateGuard(transition.guard, data)) {
    const guard = describeGuard(transition.guard);
    return {
      ok: false,
      reason: "guard_failed",
      message: `"${transition.name}" requires ${guard}.`,
      guard,
    };
  }
  if (transition.requiresComment && (comment ?? "").trim() === "") {
    return {
      ok: false,
      reason: "comment_required",
      message: `"${transition.name}" requires a comment.`,
    };
  }
  return { ok: true, from: state, to: transition.to, transition };
}
