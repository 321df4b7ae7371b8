import { type RouterInputs } from "@fastnext/api";

export const HISTORY_PAGE_SIZE = 100;

export function historyInput(
  instanceId: string,
  cursor: string | null = null,
): RouterInputs["workflows"]["instances"]["history"] {
  return { instanceId, limit: HISTORY_PAGE_SIZE, cursor };
}

export const ATTACHMENT_PAGE_SIZE = 100;

export function attachmentListInput(
  instanceId: string,
): RouterInputs["workflows"]["attachments"]["list"] {
  return { instanceId, limit: ATTACHMENT_PAGE_SIZE, cursor: null };
}
