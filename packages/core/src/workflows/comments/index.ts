/** Comments on workflow instances, and the timeline that shows them beside the transitions. */
export { listComments, listTimeline, ZTimelineEntrySchema, type TimelineEntry } from "./read";
export { ZCommentViewSchema, type CommentView } from "./view";
export { createComment, deleteComment, updateComment } from "./write";
