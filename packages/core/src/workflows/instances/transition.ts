import { randomUUID } from "node:crypto";

import { Prisma, scopedExecute, type ScopedDb } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { planTransition, type TransitionPlan } from "@fastnext/workflow";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { idempotencyKeyReused } from "../../idempotency";
import { type ServiceContext } from "../../context";
import { telemetryOf } from "../../telemetry";
import { isFinalState, parseStoredDefinition } from "../definition";
import { type WorkflowTransitionInput } from "./input";
import { instanceActor } from "./actor";
import { instanceNotFound, staleVersion, transitionNotAllowed } from "./errors";
import { lockInstance } from "./lock";
import { parseStoredResult, storedResult, type TransitionResult } from "./result";

interface EarlierAttempt {
  actorId: string | null;
  transitionKey: string | null;
  result: unknown;
}

async function findEarlierAttempt(
  db: ScopedDb,
  instanceId: string,
  idempotencyKey: string,
): Promise<EarlierAttempt | null> {
  return db.workflowHistory.findFirst({
    where: { instanceId, idempotencyKey },
    select: { actorId: true, transitionKey: true, result: true },
  });
}

/**
 * A retry of an attempt that already succeeded gets that attempt's answer,
 * unchanged. The key is the caller's: another caller, or another transition
 * under the same key, is a client bug and is refused rather than answered
 * with somebody else's result.
 */
function replay(
  earlier: EarlierAttempt,
  input: WorkflowTransitionInput,
  userId: string,
): TransitionResult {
  if (earlier.actorId !== userId || earlier.transitionKey !== input.transitionKey) {
    throw idempotencyKeyReused();
  }
  return parseStoredResult(earlier.result);
}

function refusal(plan: Extract<TransitionPlan, { ok: false }>, state: string): AppError {
  switch (plan.reason) {
    case "not_allowed":
      return transitionNotAllowed(plan.message);
    case "guard_failed":
      return new AppError("VALIDATION", plan.message, {
        reason: "guard_failed",
        details: { guard: plan.guard },
      });
    case "comment_required":
      return new AppError("VALIDATION", plan.message, {
        reason: "comment_required",
        fieldErrors: { comment: ["A comment is required for this transition"] },
      });
    case "unknown_transition":
      return new AppError("VALIDATION", plan.message, {
        reason: "unknown_transition",
        fieldErrors: { transitionKey: ["No such transition in this workflow"] },
      });
    case "not_from_current_state":
      return new AppError("VALIDATION", plan.message, {
        reason: "transition_not_available",
        details: { currentState: state },
        fieldErrors: { transitionKey: ["Not available from the current state"] },
      });
  }
}

/**
 * Moves an instance along one transition, in the request's transaction:
 * the instance row is locked, the version the caller saw is checked, the
 * engine decides (role or permission, guard, comment), and the new state,
 * the history row (carrying the answer for retries), the activity entry and
 * the workflow.transitioned event are written together or not at all.
 */
export async function transitionInstance(
  ctx: ServiceContext,
  input: WorkflowTransitionInput,
): Promise<TransitionResult> {
  const { db, principal } = ctx;
  const key = input.idempotencyKey;
  if (key) {
    const earlier = await findEarlierAttempt(db, input.instanceId, key);
    if (earlier) return replay(earlier, input, principal.userId);
  }

  const locked = await lockInstance(db, input.instanceId);
  if (!locked) {
    // Visible but not lockable: a reader (internal project, project.read_all) who may not change it.
    const visible = await db.workflowInstance.findUnique({
      where: { id: input.instanceId },
      select: { id: true },
    });
    if (!visible) throw instanceNotFound();
    throw transitionNotAllowed();
  }
  if (key) {
    // The same retry may have committed while this one waited for the lock.
    const earlier = await findEarlierAttempt(db, locked.id, key);
    if (earlier) return replay(earlier, input, principal.userId);
  }
  if (locked.version !== input.expectedVersion) throw staleVersion(locked);

  const template = await db.workflowTemplate.findUniqueOrThrow({
    where: { id: locked.templateId },
    select: { definition: true },
  });
  const definition = parseStoredDefinition(template.definition);
  const { actor, mayChange } = await instanceActor(db, principal, locked.projectId);
  if (!mayChange) throw transitionNotAllowed();
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  const plan = planTransition(definition, {
    state: locked.state,
    data: locked.data,
    actor,
    transitionKey: input.transitionKey,
    comment,
  });
  if (!plan.ok) throw refusal(plan, locked.state);

  const now = locked.now;
  const result: TransitionResult = {
    instanceId: locked.id,
    historyId: randomUUID(),
    transitionKey: input.transitionKey,
    fromState: plan.from,
    toState: plan.to,
    version: locked.version + 1,
    stateEnteredAt: now,
    completedAt: isFinalState(definition, plan.to) ? now : null,
  };
  // History first, and only if no attempt with this key got there first: on
  // a duplicate nothing else has been written yet, and the first answer wins.
  const inserted = await scopedExecute(
    db,
    Prisma.sql`
    INSERT INTO workflow_history (id, instance_id, project_id, transition_key, from_state, to_state, actor_id,
                                  comment, idempotency_key, result, version_after, created_at)
    VALUES (${result.historyId}::uuid, ${locked.id}::uuid, ${locked.projectId}::uuid, ${input.transitionKey},
            ${plan.from}, ${plan.to}, ${principal.userId}::uuid, ${comment}::text, ${key ?? null}::text,
            ${storedResult(result)}::jsonb, ${result.version}::int, ${now}::timestamptz)
    ON CONFLICT (instance_id, idempotency_key) DO NOTHING`,
  );
  if (inserted === 0 && key) {
    const earlier = await findEarlierAttempt(db, locked.id, key);
    if (!earlier) throw new Error("idempotency conflict without an earlier attempt");
    return replay(earlier, input, principal.userId);
  }

  const updated = await db.workflowInstance.updateMany({
    where: { id: locked.id, version: locked.version },
    data: {
      state: plan.to,
      version: result.version,
      stateEnteredAt: now,
      completedAt: result.completedAt,
    },
  });
  // Cannot happen while the row is locked; if it ever does, roll everything back.
  if (updated.count !== 1) throw staleVersion(locked);

  await recordActivity(db, ctx.actor, {
    action: "workflow_instance.transition",
    entityType: "workflow_instance",
    entityId: locked.id,
    before: { state: plan.from, version: locked.version },
    after: { state: plan.to, version: result.version, transitionKey: input.transitionKey, comment },
  });
  await emitEvent(db, "workflow.transitioned", {
    instanceId: locked.id,
    projectId: locked.projectId,
    transitionKey: input.transitionKey,
    fromState: plan.from,
    toState: plan.to,
    historyId: result.historyId,
  });
  telemetryOf(ctx.deps).workflowTransition();
  return result;
}
