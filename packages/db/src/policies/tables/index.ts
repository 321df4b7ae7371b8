import { type TableAccess } from "../access";
import { access as prismaMigrations } from "./_prisma_migrations";
import { access as activities } from "./activities";
import { access as dataTransfers } from "./data_transfers";
import { access as domainEvents } from "./domain_events";
import { access as eventHandlerRuns } from "./event_handler_runs";
import { access as idempotencyKeys } from "./idempotency_keys";
import { access as importMappings } from "./import_mappings";
import { access as linkedIdentities } from "./linked_identities";
import { access as loginChallenges } from "./login_challenges";
import { access as notifications } from "./notifications";
import { access as oauthCodes } from "./oauth_codes";
import { access as outboundEmails } from "./outbound_emails";
import { access as passwordHistory } from "./password_history";
import { access as passwordResetTokens } from "./password_reset_tokens";
import { access as permissions } from "./permissions";
import { access as projectCounters } from "./project_counters";
import { access as projectDisabledTemplates } from "./project_disabled_templates";
import { access as projectInvitations } from "./project_invitations";
import { access as projectMembers } from "./project_members";
import { access as projects } from "./projects";
import { access as refreshTokens } from "./refresh_tokens";
import { access as rolePermissions } from "./role_permissions";
import { access as roles } from "./roles";
import { access as sessions } from "./sessions";
import { access as systemSettings } from "./system_settings";
import { access as twoFactorBackupCodes } from "./two_factor_backup_codes";
import { access as userRoles } from "./user_roles";
import { access as users } from "./users";
import { access as webhookDeliveries } from "./webhook_deliveries";
import { access as webhookEndpoints } from "./webhook_endpoints";
import { access as workerHeartbeats } from "./worker_heartbeats";
import { access as workflowAttachments } from "./workflow_attachments";
import { access as workflowComments } from "./workflow_comments";
import { access as workflowHistory } from "./workflow_history";
import { access as workflowImportKeys } from "./workflow_import_keys";
import { access as workflowInstances } from "./workflow_instances";
import { access as workflowTemplates } from "./workflow_templates";
import { access as workflowTypes } from "./workflow_types";

/**
 * Every table the application or system role can reach, sorted by table name. A new table
 * adds its declaration file, one import line above and one entry below (in any order: the
 * list is sorted here, and a table declared twice is an error).
 */
export const tableAccess: readonly TableAccess[] = sortedByTable([
  prismaMigrations,
  activities,
  dataTransfers,
  domainEvents,
  eventHandlerRuns,
  idempotencyKeys,
  importMappings,
  linkedIdentities,
  loginChallenges,
  notifications,
  oauthCodes,
  outboundEmails,
  passwordHistory,
  passwordResetTokens,
  permissions,
  projectCounters,
  projectDisabledTemplates,
  projectInvitations,
  projectMembers,
  projects,
  refreshTokens,
  rolePermissions,
  roles,
  sessions,
  systemSettings,
  twoFactorBackupCodes,
  userRoles,
  users,
  webhookDeliveries,
  webhookEndpoints,
  workerHeartbeats,
  workflowAttachments,
  workflowComments,
  workflowHistory,
  workflowImportKeys,
  workflowInstances,
  workflowTemplates,
  workflowTypes,
]);

function sortedByTable(list: TableAccess[]): readonly TableAccess[] {
  const sorted = [...list].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  sorted.forEach((access, index) => {
    if (access.table === sorted[index + 1]?.table)
      throw new Error(`table "${access.table}" is declared twice`);
  });
  return sorted;
}
