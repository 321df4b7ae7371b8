import { randomUUID } from "node:crypto";
import { z } from "zod";

import { Prisma, type PrismaClient, type ScopedDb } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { type ActivityAction } from "@fastnext/validators";
import { dueTimeouts, evaluateGuard, type WorkflowDefinition } from "@fastnext/workflow";

import { diffRecords } from "../activity";
import { isFinalState, parseStoredDefinition } from "./definition";
import { storedResult, type TransitionResult } from "./instances/result";
import { ZDataDocumentSchema } from "./instances/view";

const HOUR_MS = 60 * 60 * 1000;

/** A state with a time-out in one template version: instances in it since before `enteredBefore` are due. */
interface DueRule {
  templateId: string;
  state: string;
  enteredBefore: Date;
}

const ZTemplateRows = z.array(z.object({ id: z.string(), definition: z.unknown() }));

const ZCandidateRows = z.array(
  z.object({
    id: z.string(),
    project_id: z.string(),
    template_id: z.string(),
    state: z.string(),
    version: z.number().int(),
    state_entered_at: z.date(),
    data: ZDataDocumentSchema,
  }),
);

type Candidate = z.infer<typeof ZCandidateRows>[number];

/** Every template version with a time-out on some state (running instances may be on archived ones). */
async function loadTimeoutRules(db: PrismaClient, now: Date) {
  const rows = ZTemplateRows.parse(
    await db.$queryRaw`
      SELECT id, definition FROM workflow_templates
       WHERE status <> 'draft' AND jsonb_path_exists(definition, '$.states[*].timeout')`,
  );
  const definitions = new Map<string, WorkflowDefinition>();
  const rules: DueRule[] = [];
  for (const row of rows) {
    const definition = parseStoredDefinition(row.definition);
    definitions.set(row.id, definition);
    for (const state of definition.states) {
      if (!state.timeout) continue;
      rules.push({
        templateId: row.id,
        state: state.key,
        enteredBefore: new Date(now.getTime() - state.timeout.afterHours * HOUR_MS),
      });
    }
  }
  return { definitions, rules };
}

/**
 * Claims one due instance: locked for this transaction, skipping rows
 * another worker holds, so two workers never fire the same time-out. Open
 * instances (`completed_at IS NULL`) by time entered, matching the
 * (completed_at, state_entered_at) index.
 */
async function claimNext(
  tx: ScopedDb,
  rules: readonly DueRule[],
  passed: readonly string[],
): Promise<Candidate | null> {
  const due = Prisma.join(
    rules.map(
      (rule) =>
        Prisma.sql`(${rule.templateId}::uuid, ${rule.state}::text, ${rule.enteredBefore}::timestamptz)`,
    ),
  );
  const notPassed =
    passed.length > 0
      ? Prisma.sql`AND i.id NOT IN (${Prisma.join(passed.map((id) => Prisma.sql`${id}::uuid`))})`
      : Prisma.empty;
  const rows = ZCandidateRows.parse(
    await tx.$queryRaw`
      SELECT i.id, i.project_id, i.template_id, i.state, i.version, i.state_entered_at, i.data
        FROM workflow_instances i
        JOIN (VALUES ${due}) AS due (template_id, state, entered_before)
          ON i.template_id = due.template_id AND i.state = due.state
       WHERE i.completed_at IS NULL
         AND i.state_entered_at <= due.entered_before
         ${notPassed}
       ORDER BY i.state_entered_at, i.id
       LIMIT 1
         FOR UPDATE OF i SKIP LOCKED`,
  );
  return rows[0] ?? null;
}

type Outcome = "fired" | "passed" | "none";

/** Fires the claimed instance's time-out, in the claiming transaction. */
async function fire(
  tx: ScopedDb,
  candidate: Candidate,
  definition: WorkflowDefinition,
  now: Date,
): Promise<Outcome> {
  const transitionKey = dueTimeouts(definition, candidate.state, candidate.state_entered_at, now);
  const transition = definition.transitions.find((t) => t.key === transitionKey);
  // Published definitions guarantee the transition exists and leaves this
  // state. A guard that does not hold keeps the instance where it is: the
  // system obeys the template's rules like anyone else.
  if (!transition || !transition.from.includes(candidate.state)) return "passed";
  if (transition.guard && !evaluateGuard(transition.guard, candidate.data)) return "passed";

  const version = candidate.version + 1;
  const completedAt = isFinalState(definition, transition.to) ? now : null;
  // Optimistic check on top of the lock: only the version this run read moves.
  const moved = await tx.workflowInstance.updateMany({
    where: { id: candidate.id, version: candidate.version, completedAt: null },
    data: { state: transition.to, version, stateEnteredAt: now, completedAt },
  });
  if (moved.count !== 1) return "passed";

  const result: TransitionResult = {
    instanceId: candidate.id,
    historyId: randomUUID(),
    transitionKey: transition.key,
    fromState: candidate.state,
    toState: transition.to,
    version,
    stateEnteredAt: now,
    completedAt,
  };
  await tx.$executeRaw`
    INSERT INTO workflow_history (id, instance_id, project_id, transition_key, from_state, to_state, actor_id,
                                  comment, idempotency_key, result, version_after, created_at)
    VALUES (${result.historyId}::uuid, ${candidate.id}::uuid, ${candidate.project_id}::uuid, ${transition.key},
            ${candidate.state}, ${transition.to}, NULL, NULL, NULL, ${storedResult(result)}::jsonb,
            ${version}::int, ${now}::timestamptz)`;
  // The system acts: no actor, no request.
  const changes = diffRecords(
    { state: candidate.state, version: candidate.version },
    { state: transition.to, version },
  );
  await tx.activity.create({
    data: {
      actorId: null,
      action: "workflow_instance.timeout" satisfies ActivityAction,
      entityType: "workflow_instance",
      entityId: candidate.id,
      changes: changes ? { before: changes.before, after: changes.after } : Prisma.DbNull,
    },
    select: { id: true },
  });
  await emitEvent(tx, "workflow.transitioned", {
    instanceId: candidate.id,
    projectId: candidate.project_id,
    transitionKey: transition.key,
    fromState: candidate.state,
    toState: transition.to,
    historyId: result.historyId,
  });
  return "fired";
}

/**
 * Fires every workflow time-out due at `now`; returns how many fired. Run
 * by the worker on the system login (it sees every project). Each instance
 * is claimed and moved in its own short transaction, so any number of
 * workers may run this at once and each time-out fires exactly once.
 * Instances whose time-out cannot fire (its guard does not hold) are passed
 * over for the rest of this run.
 */
export async function fireDueTimeouts(db: PrismaClient, now: Date): Promise<number> {
  const { definitions, rules } = await loadTimeoutRules(db, now);
  if (rules.length === 0) return 0;
  const passed: string[] = [];
  let fired = 0;
  for (;;) {
    const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
      const candidate = await claimNext(tx, rules, passed);
      if (!candidate) return "none";
      const definition = definitions.get(candidate.template_id);
      const result = definition ? await fire(tx, candidate, definition, now) : "passed";
      if (result === "passed") passed.push(candidate.id);
      return result;
    });
    if (outcome === "none") return fired;
    if (outcome === "fired") fired += 1;
  }
}
