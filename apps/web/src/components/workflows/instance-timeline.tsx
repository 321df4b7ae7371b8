"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Button, Dialog } from "@fastnext/ui";
import { commentParts } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { useFormErrors } from "../form/use-form-errors";
import { Pager, useCursorPager } from "../ui/pager";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";
import { CommentBox, CommentEditor, type Mentionable } from "./comment-box";
import { timelineInput } from "./instance-inputs";

type Comment = Extract<
  RouterOutputs["workflows"]["instances"]["timeline"]["items"][number],
  { kind: "comment" }
>["comment"];

/** A comment's text with its mentions shown as @Name. */
function CommentText({ body }: { body: string }) {
  return (
    <div className="timeline-comment">
      {commentParts(body).map((part, index) =>
        part.kind === "text" ? (
          <span key={index}>{part.text}</span>
        ) : (
          <span key={index} className="mention" data-user-id={part.userId}>
            @{part.name}
          </span>
        ),
      )}
    </div>
  );
}

function CommentEntry({
  comment,
  mine,
  nameOf,
  members,
  onEdit,
  onDelete,
}: {
  comment: Comment;
  mine: boolean;
  nameOf: (userId: string | null) => string;
  members: Mentionable[];
  onEdit: () => void;
  onDelete: (comment: Comment) => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const errors = useFormErrors();
  const [editing, setEditing] = useState(false);
  const update = useMutation(trpc.workflows.comments.update.mutationOptions());

  return (
    <li className="timeline-entry-comment" data-testid="timeline-comment">
      <p>
        <strong>{nameOf(comment.authorId)}</strong> commented
        {comment.editedAt ? <span className="muted"> (edited)</span> : null}
      </p>
      {editing ? (
        <CommentEditor
          id={`comment-edit-${comment.id}`}
          initial={comment.body}
          members={members}
          submitLabel="Save"
          busy={update.isPending}
          errors={errors}
          onCancel={() => {
            errors.clear();
            setEditing(false);
          }}
          onSubmit={(body, form) =>
            update.mutate(
              { id: comment.id, data: { body } },
              {
                onSuccess: () => {
                  setEditing(false);
                  toast.success("Comment saved.");
                  onEdit();
                },
                onError: (error) => errors.fromServer(error, form),
              },
            )
          }
        />
      ) : (
        <CommentText body={comment.body} />
      )}
      <span className="list-meta cluster">
        <Time date={comment.createdAt} />
        {mine && !editing ? (
          <>
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onDelete(comment)}>
              Delete
            </Button>
          </>
        ) : null}
      </span>
    </li>
  );
}

/**
 * The item's history: its transitions and comments as one list, oldest
 * first, with a box to comment for those who may (members, and
 * project.manage_all; the API checks again).
 */
export function InstanceTimeline({
  instanceId,
  viewerId,
  canComment,
  members,
  nameOf,
  stateName,
  onChange,
}: {
  instanceId: string;
  viewerId: string;
  canComment: boolean;
  members: Mentionable[];
  nameOf: (userId: string | null) => string;
  stateName: (key: string) => string;
  /** Something in the timeline changed: read it again. */
  onChange: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const pager = useCursorPager();
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const timeline = useQuery(
    trpc.workflows.instances.timeline.queryOptions(timelineInput(instanceId, pager.cursor)),
  );
  const remove = useMutation(
    trpc.workflows.comments.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        toast.success("Comment deleted.");
        return onChange();
      },
      onError: (error) => {
        setDeleting(null);
        toast.error(errorMessage(error));
        return onChange();
      },
    }),
  );
  const others = members.filter((member) => member.userId !== viewerId);

  return (
    <section className="card" aria-labelledby="history-title">
      <div className="card-header">
        <h2 id="history-title">History</h2>
      </div>
      {timeline.isPending ? (
        <LoadingState label="Loading the history" />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <EmptyState title="No history yet" />
      ) : (
        <ol className="timeline" aria-label="History">
          {timeline.data.items.map((entry) => {
            if (entry.kind === "comment") {
              return (
                <CommentEntry
                  key={entry.comment.id}
                  comment={entry.comment}
                  mine={entry.comment.authorId === viewerId}
                  nameOf={nameOf}
                  members={others}
                  onEdit={() => void onChange()}
                  onDelete={setDeleting}
                />
              );
            }
            const step = entry.transition;
            return (
              <li key={step.id}>
                <p>
                  <strong>{nameOf(step.actorId)}</strong>{" "}
                  {step.fromState === null ? (
                    <>created it in “{stateName(step.toState)}”</>
                  ) : (
                    <>
                      moved it from “{stateName(step.fromState)}” to “{stateName(step.toState)}”
                    </>
                  )}
                </p>
                {step.comment ? (
                  <blockquote className="timeline-comment">{step.comment}</blockquote>
                ) : null}
                <span className="list-meta">
                  <Time date={step.createdAt} />
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="card-body stack-sm">
        <Pager pager={pager} nextCursor={timeline.data?.nextCursor} busy={timeline.isFetching} />
        {canComment ? (
          <CommentBox
            instanceId={instanceId}
            members={others}
            onPosted={() => {
              toast.success("Comment added.");
              void onChange();
            }}
          />
        ) : (
          <p className="small muted">Only members of the project can comment.</p>
        )}
      </div>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this comment?"
        description="It is removed for everyone, for good."
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate({ id: deleting.id })}
            >
              Delete comment
            </Button>
          </>
        }
      >
        {deleting ? <CommentText body={deleting.body} /> : null}
      </Dialog>
    </section>
  );
}
