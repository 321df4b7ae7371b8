import { type RouterInputs } from "@fastnext/api";

export const TIMELINE_PAGE_SIZE = 50;

export function timelineInput(
  instanceId: string,
  cursor: string | null = null,
): RouterInputs["workflows"]["instances"]["timeline"] {
  return { instanceId, limit: TIMELINE_PAGE_SIZE, cursor };
}

export const ATTACHMENT_PAGE_SIZE = 100;

export function attachmentListInput(
  instanceId: string,
): RouterInputs["workflows"]["attachments"]["list"] {
  return { instanceId, limit: ATTACHMENT_PAGE_SIZE, cursor: null };
}
