import { z } from "zod";

import { ZTextSchema } from "./primitives";

/** The longest comment: a few screens of text, enough for a review, not for a document. */
export const COMMENT_MAX_LENGTH = 5000;

/** A comment's text as written: trimmed, 1 to COMMENT_MAX_LENGTH characters. */
export const ZCommentBodySchema = ZTextSchema.trim()
  .min(1, "Write something")
  .max(COMMENT_MAX_LENGTH, `At most ${COMMENT_MAX_LENGTH} characters`);

/**
 * A mention in a comment's text: `@[Display name](<user id>)`. The name is
 * what readers see (as written, so a later rename does not rewrite old
 * comments); the id is whom it notifies. A name holds no brackets and no
 * line break, so a token never spans what the reader sees as two.
 */
const MENTION = /@\[([^\][\n]{1,200})\]\(([0-9A-Fa-f-]{36})\)/g;

/** One piece of a comment's text: plain text, or a mention with its name and user id. */
export type CommentPart =
  { kind: "text"; text: string } | { kind: "mention"; name: string; userId: string };

/** A comment's text cut into plain text and mentions, in order (how the web app renders it). */
export function commentParts(body: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let at = 0;
  for (const match of body.matchAll(MENTION)) {
    const [token, name, id] = match;
    const userId = z.uuid().safeParse(id?.toLowerCase());
    // A token whose id is no uuid is plain text: it notifies nobody.
    if (!userId.success || name === undefined) continue;
    if (match.index > at) parts.push({ kind: "text", text: body.slice(at, match.index) });
    parts.push({ kind: "mention", name, userId: userId.data });
    at = match.index + token.length;
  }
  if (at < body.length) parts.push({ kind: "text", text: body.slice(at) });
  return parts;
}

/**
 * The user ids a comment's text mentions, each once, in order of first
 * mention. Whether each counts (a member of the project) is for the
 * service to decide.
 */
export function mentionedUserIds(body: string): string[] {
  const ids = commentParts(body).flatMap((part) => (part.kind === "mention" ? [part.userId] : []));
  return [...new Set(ids)];
}

/** The token that mentions a user, as a member picker inserts it (the name loses brackets). */
export function mentionToken(user: { id: string; name: string }): string {
  const name = user.name.replace(/[[\]\n]/g, " ").trim() || "someone";
  return `@[${name.slice(0, 200)}](${user.id})`;
}

/** A new comment on a workflow instance. */
export const ZCommentCreateInputSchema = z.object({
  instanceId: z.uuid(),
  body: ZCommentBodySchema,
});

/** A change to one's own comment: its text, under `data` like every update. */
export const ZCommentUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z.object({ body: ZCommentBodySchema }),
});

export type CommentCreateInput = z.infer<typeof ZCommentCreateInputSchema>;
export type CommentUpdateInput = z.infer<typeof ZCommentUpdateInputSchema>;
