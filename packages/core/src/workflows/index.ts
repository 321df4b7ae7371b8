/** Workflow types, templates and instances, their analytics and time-outs. */
export { analyticsSummary, ZAnalyticsSummarySchema } from "./analytics";
export {
  createComment,
  deleteComment,
  listComments,
  listTimeline,
  updateComment,
  ZCommentViewSchema,
  ZTimelineEntrySchema,
} from "./comments";
export { ZWorkflowAnalyticsInputSchema } from "./input";
export { assignInstance } from "./instances/assign";
export { listAvailableTransitions } from "./instances/available";
export { createInstance } from "./instances/create";
export { getInstance } from "./instances/get";
export {
  ZWorkflowAssignInputSchema,
  ZWorkflowInstanceCreateInputSchema,
  ZWorkflowInstanceListFiltersSchema,
  ZWorkflowTransitionInputSchema,
} from "./instances/input";
export { listHistory, ZHistoryEntryViewSchema } from "./instances/history";
export { listInstances } from "./instances/list";
export { ZTransitionResultSchema } from "./instances/result";
export { transitionInstance } from "./instances/transition";
export { ZWorkflowInstanceViewSchema } from "./instances/view";
export {
  ZProjectTemplateListInputSchema,
  ZProjectTemplateToggleInputSchema,
  ZWorkflowTemplateListFiltersSchema,
  ZWorkflowTemplateUpdateInputSchema,
} from "./templates/input";
export {
  latestItemTemplateKey,
  listProjectTemplates,
  setProjectTemplateEnabled,
} from "./templates/availability";
export { archiveTemplate, publishTemplate } from "./templates/lifecycle";
export { getTemplate, listTemplates } from "./templates/read";
export {
  ZProjectTemplateViewSchema,
  ZWorkflowTemplateSummarySchema,
  ZWorkflowTemplateViewSchema,
} from "./templates/view";
export { createTemplate, updateTemplate } from "./templates/write";
export { fireDueTimeouts } from "./timeouts";
export { ZWorkflowTypeListFiltersSchema, ZWorkflowTypeUpdateInputSchema } from "./types/input";
export { getWorkflowType, listWorkflowTypes } from "./types/read";
export { ZWorkflowTypeViewSchema } from "./types/view";
export { createWorkflowType, deleteWorkflowType, updateWorkflowType } from "./types/write";
export { deleteAttachment } from "./attachments/delete";
export {
  ZAttachmentFileNameSchema,
  ZAttachmentIdInputSchema,
  ZAttachmentListInputSchema,
  ZAttachmentUploadInputSchema,
  ZStoredUploadSchema,
} from "./attachments/input";
export { attachmentKey, projectStoragePrefix } from "./attachments/keys";
export { listAttachments, openAttachment } from "./attachments/read";
export { ALLOWED_TYPES as ATTACHMENT_TYPES, sniffContentType } from "./attachments/sniff";
export { authorizeUpload, discardUpload, recordUpload, storeUpload } from "./attachments/upload";
export {
  type AttachmentView,
  ZAttachmentViewSchema,
  ZUploadTargetSchema,
} from "./attachments/view";
