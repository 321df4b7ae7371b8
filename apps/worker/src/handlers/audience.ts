import { type Prisma, type ScopedDb } from "@fastnext/db";

export interface Person {
  id: string;
  name: string;
  email: string;
  settings: Prisma.JsonValue;
}

export interface WorkflowAudience {
  instance: {
    id: string;
    title: string;
    state: string;
    projectId: string;
    assigneeId: string | null;
  };
  project: { id: string; name: string };
  /** Who is told, the actor left out; active accounts only. */
  recipients: Person[];
  /** Names of everyone the messages mention (actor, assignee), by id. */
  names: Map<string, string>;
}

export const personSelect = {
  id: true,
  name: true,
  email: true,
  settings: true,
  isActive: true,
} as const;

/**
 * The people a workflow event concerns: the assignee and the project's
 * owners, never the actor themself. A fixed number of queries, however
 * many people are involved.
 */
export async function workflowAudience(
  tx: ScopedDb,
  input: {
    instanceId: string;
    /** The assignee to tell: a given one (none: null), or whoever holds the instance now. */
    assignee: { id: string | null } | "current";
    actorId: string | null;
  },
): Promise<WorkflowAudience | null> {
  const instance = await tx.workflowInstance.findUnique({
    where: { id: input.instanceId },
    select: {
      id: true,
      title: true,
      state: true,
      projectId: true,
      assigneeId: true,
      project: { select: { id: true, name: true } },
    },
  });
  if (!instance) return null;
  const owners = await tx.projectMember.findMany({
    where: { projectId: instance.projectId, role: "owner" },
    select: { userId: true },
  });
  const assigneeId = input.assignee === "current" ? instance.assigneeId : input.assignee.id;
  const audienceIds = new Set([
    ...(assigneeId ? [assigneeId] : []),
    ...owners.map((o) => o.userId),
  ]);
  if (input.actorId) audienceIds.delete(input.actorId);
  const mentioned = [
    ...audienceIds,
    ...(input.actorId ? [input.actorId] : []),
    ...(assigneeId ? [assigneeId] : []),
  ];
  const people = await tx.user.findMany({
    where: { id: { in: [...new Set(mentioned)] } },
    select: personSelect,
  });
  return {
    instance: {
      id: instance.id,
      title: instance.title,
      state: instance.state,
      projectId: instance.projectId,
      assigneeId: instance.assigneeId,
    },
    project: instance.project,
    recipients: people
      .filter((p) => p.isActive && audienceIds.has(p.id))
      .sort((a, b) => a.id.localeCompare(b.id)),
    names: new Map(people.map((p) => [p.id, p.name])),
  };
}

/** One person, if their account is active. */
export async function activePerson(tx: ScopedDb, userId: string): Promise<Person | null> {
  const person = await tx.user.findUnique({ where: { id: userId }, select: personSelect });
  return person?.isActive ? person : null;
}

/** Display names by id, in one query. */
export async function namesOf(
  tx: ScopedDb,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}
