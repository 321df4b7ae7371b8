import { signInAdmin, signUp, type TestApi } from "@fastnext/test-support";
import { type WorkflowDefinition } from "@fastnext/workflow";

/**
 * A purchase request: editors submit, owners approve small amounts or
 * reject (with a comment), submitted requests expire after 48 hours.
 */
export function purchaseDefinition(): WorkflowDefinition {
  return {
    dataFields: [
      { key: "amount", label: "Amount", type: "number", required: true },
      {
        key: "category",
        label: "Category",
        type: "enum",
        required: true,
        options: ["office", "it"],
      },
      { key: "note", label: "Note", type: "string", required: false },
    ],
    states: [
      { key: "draft", name: "Draft", kind: "initial" },
      {
        key: "submitted",
        name: "Submitted",
        kind: "active",
        timeout: { afterHours: 48, transition: "expire" },
      },
      { key: "approved", name: "Approved", kind: "active" },
      { key: "rejected", name: "Rejected", kind: "final" },
      { key: "done", name: "Done", kind: "final" },
    ],
    transitions: [
      {
        key: "submit",
        name: "Submit",
        from: ["draft"],
        to: "submitted",
        allowed: { projectRoles: ["owner", "editor"] },
        requiresComment: false,
      },
      {
        key: "approve",
        name: "Approve",
        from: ["submitted"],
        to: "approved",
        allowed: { projectRoles: ["owner"] },
        guard: { op: "lte", field: "amount", value: 1000 },
        requiresComment: false,
      },
      {
        key: "reject",
        name: "Reject",
        from: ["submitted"],
        to: "rejected",
        allowed: { projectRoles: ["owner"] },
        requiresComment: true,
      },
      {
        key: "expire",
        name: "Expire",
        from: ["submitted"],
        to: "rejected",
        allowed: { permissions: ["system.manage"] },
        requiresComment: false,
      },
      {
        key: "complete",
        name: "Complete",
        from: ["approved"],
        to: "done",
        allowed: { projectRoles: ["owner", "editor"] },
        requiresComment: false,
      },
    ],
  };
}

let keys = 0;

/** A fresh key, so tests sharing one database never collide. */
export function uniqueKey(prefix: string): string {
  keys += 1;
  return `${prefix}_${keys}_${Date.now().toString(36)}`;
}

/** A published template made by the admin; returns its key and id. */
export async function publishedTemplate(
  api: TestApi,
  definition: WorkflowDefinition = purchaseDefinition(),
) {
  const admin = await signInAdmin(api);
  const type = await admin.client.workflows.types.create.mutate({
    key: uniqueKey("type"),
    name: "Purchases",
  });
  const draft = await admin.client.workflows.templates.create.mutate({
    typeId: type.id,
    key: uniqueKey("purchase"),
    name: "Purchase request",
    definition,
  });
  const template = await admin.client.workflows.templates.publish.mutate({ id: draft.id });
  return { admin, type, template, key: template.key };
}

/**
 * A project with an owner, an editor and a viewer, and an outsider who is
 * in none of it (all plain members of the product, no catalogue overrides).
 */
export async function projectWithTeam(
  api: TestApi,
  visibility: "private" | "internal" = "private",
) {
  const owner = await signUp(api, "Owner");
  const editor = await signUp(api, "Editor");
  const viewer = await signUp(api, "Viewer");
  const outsider = await signUp(api, "Outsider");
  const project = await owner.client.projects.create.mutate({
    name: `Project ${uniqueKey("p")}`,
    visibility,
  });
  await owner.client.projects.members.add.mutate({
    projectId: project.id,
    userId: editor.id,
    role: "editor",
  });
  await owner.client.projects.members.add.mutate({
    projectId: project.id,
    userId: viewer.id,
    role: "viewer",
  });
  return { project, owner, editor, viewer, outsider };
}

/** Rows of a table matching a column, through the superuser connection. */
export async function countRows(
  api: TestApi,
  table: string,
  column: string,
  value: string,
): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${column}::text = $1`,
    [value],
  );
  return rows[0]?.n ?? -1;
}

/** The SQL statements the API's pool sends while `work` runs. */
export async function countStatements(api: TestApi, work: () => Promise<unknown>): Promise<number> {
  return (await api.statements.during(work)).statements;
}
