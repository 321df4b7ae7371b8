import { z } from "zod";

import { type Prisma } from "@fastnext/db";

export const ZCommentViewSchema = z.object({
  id: z.uuid(),
  instanceId: z.uuid(),
  projectId: z.uuid(),
  authorId: z.uuid(),
  /** As written, mention tokens included (`commentParts` in @fastnext/validators cuts it up). */
  body: z.string(),
  /** The project members the body mentions (they were told when it was written). */
  mentionedUserIds: z.array(z.uuid()),
  createdAt: z.date(),
  /** null: never edited. */
  editedAt: z.date().nullable(),
});

export type CommentView = z.infer<typeof ZCommentViewSchema>;

export const commentSelect = {
  id: true,
  instanceId: true,
  projectId: true,
  authorId: true,
  body: true,
  mentionedUserIds: true,
  createdAt: true,
  editedAt: true,
} satisfies Prisma.WorkflowCommentSelect;
