import { type ScopedDb } from "@fastnext/db";

import { type Principal } from "../access/principal";
import { AppError } from "../errors";
import { projectAccess, requireProjectRole } from "../projects/access";
import { endpointSelect, type WebhookEndpointView } from "./view";

type Caller = Pick<Principal, "userId" | "permissions">;

/**
 * May the caller manage endpoints of `projectId` (null: installation-wide)?
 * Installation-wide ones need webhook.manage (FORBIDDEN). A project's are
 * its owners' (requireProjectRole: NOT_FOUND for outsiders, FORBIDDEN for
 * other members); webhook.manage stands in for the role on any project
 * the caller can see.
 */
export async function requireWebhookScope(
  db: ScopedDb,
  caller: Caller,
  projectId: string | null,
): Promise<void> {
  const manager = caller.permissions.has("webhook.manage");
  if (projectId === null) {
    if (manager) return;
    throw new AppError(
      "FORBIDDEN",
      "Installation-wide webhooks need the webhook.manage permission",
      {
        reason: "permission_required",
        details: { permission: "webhook.manage" },
      },
    );
  }
  if (!manager) {
    await requireProjectRole(db, caller, projectId, "owner");
    return;
  }
  if (!(await projectAccess(db, caller, projectId)))
    throw new AppError("NOT_FOUND", "No such project", { reason: "project_not_found" });
}

/**
 * The endpoint, if the caller manages it. The table's policy decides: an
 * endpoint of a project the caller does not own (or an installation-wide
 * one without webhook.manage) is simply not found.
 */
export async function findEndpoint(db: ScopedDb, id: string): Promise<WebhookEndpointView> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id }, select: endpointSelect });
  if (!endpoint)
    throw new AppError("NOT_FOUND", "No such webhook endpoint", { reason: "webhook_not_found" });
  return endpoint;
}
