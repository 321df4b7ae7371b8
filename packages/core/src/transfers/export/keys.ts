import { type TransferFormat } from "@fastnext/validators";

import { projectStoragePrefix } from "../../workflows/attachments/keys";

/**
 * Where an export's file is stored: a project's items under the project's
 * prefix (so deleting the project removes them with its other files),
 * anything else under its requester's.
 */
export function exportKey(transfer: {
  id: string;
  requestedBy: string;
  projectId: string | null;
  format: TransferFormat;
}): string {
  const base = transfer.projectId
    ? `${projectStoragePrefix(transfer.projectId)}/exports`
    : `transfers/${transfer.requestedBy}`;
  return `${base}/${transfer.id}.${transfer.format}`;
}
