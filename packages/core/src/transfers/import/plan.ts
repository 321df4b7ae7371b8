import { type ScopedDb } from "@fastnext/db";
import { type ImportMapping } from "@fastnext/validators";

import { type Principal } from "../../access/principal";
import { AppError } from "../../errors";
import { requireProjectRole } from "../../projects/access";
import { parseStoredDefinition } from "../../workflows/definition";
import { isTemplateDisabled } from "../../workflows/templates/availability";
import { type RowPlan } from "./rows";

type Caller = Pick<Principal, "userId" | "permissions">;

/** What an import into a project checks its rows against, and where they go. */
export interface ImportPlan extends RowPlan {
  projectId: string;
  template: { id: string; key: string };
}

function templateField(message: string, reason: string, code: "NOT_FOUND" | "PRECONDITION_FAILED") {
  return new AppError(code, message, { reason, fieldErrors: { templateKey: [message] } });
}

/**
 * Loads an import's plan as the caller: an editor of a project that is
 * not archived (NOT_FOUND when they cannot see it, FORBIDDEN below
 * editor), the newest published version of the template the project may
 * use, and the project's members by e-mail for the assignee column. The
 * create service checks all of it again for every item.
 */
export async function loadImportPlan(
  db: ScopedDb,
  caller: Caller,
  input: { projectId: string; templateKey: string; mapping: ImportMapping },
): Promise<ImportPlan> {
  const access = await requireProjectRole(db, caller, input.projectId, "editor");
  if (access.project.archivedAt) {
    throw new AppError("PRECONDITION_FAILED", "The project is archived", {
      reason: "project_archived",
    });
  }
  const template = await db.workflowTemplate.findFirst({
    where: {
      key: input.templateKey,
      status: "published",
      OR: [{ projectId: null }, { projectId: input.projectId }],
    },
    orderBy: { version: "desc" },
    select: { id: true, key: true, projectId: true, definition: true },
  });
  if (!template) {
    throw templateField("No published template by that name", "template_not_found", "NOT_FOUND");
  }
  if (
    template.projectId === null &&
    (await isTemplateDisabled(db, input.projectId, template.key))
  ) {
    throw templateField(
      "This project's owners turned this template off",
      "template_disabled",
      "PRECONDITION_FAILED",
    );
  }
  const members = await db.projectMember.findMany({
    where: { projectId: input.projectId },
    select: { userId: true, user: { select: { email: true } } },
  });
  return {
    projectId: input.projectId,
    template: { id: template.id, key: template.key },
    definition: parseStoredDefinition(template.definition),
    mapping: input.mapping,
    members: new Map(members.map((m) => [m.user.email.toLowerCase(), m.userId])),
  };
}
