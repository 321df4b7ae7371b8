"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type SubmitEvent } from "react";
import { z } from "zod";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Button, Dialog } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { describeApiError } from "~/trpc/errors";

import { useFormErrors } from "../form/use-form-errors";
import { TextareaField } from "../ui/field";

type Transition =
  RouterOutputs["workflows"]["instances"]["availableTransitions"]["transitions"][number];
type Result = RouterOutputs["workflows"]["instances"]["transition"];

const ZCommentSchema = (required: boolean) =>
  z.object({
    comment: required
      ? z.string().trim().min(1, "A comment is required for this step").max(2000)
      : z.string().trim().max(2000),
  });

/** What CONFLICT "stale_version" tells about the item now (details are parsed, not trusted). */
const ZStaleDetailsSchema = z.object({
  currentState: z.string(),
  currentVersion: z.number().int(),
});

/**
 * 128 random bits, hex. getRandomValues works on plain-http origins too,
 * where crypto.randomUUID does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `t-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

export interface Conflict {
  currentState: string;
}

/**
 * Fires one transition from the version the person was looking at. The
 * idempotency key is made once per dialog: a retry after a lost answer
 * gets the first result, never a second move. When someone moved the item
 * first (CONFLICT), the new state is shown and a reload offered.
 */
export function TransitionDialog({
  instanceId,
  expectedVersion,
  transition,
  toName,
  stateName,
  onClose,
  onDone,
  onReload,
}: {
  instanceId: string;
  expectedVersion: number;
  transition: Transition;
  toName: string;
  stateName: (key: string) => string;
  onClose: () => void;
  onDone: (result: Result) => void;
  onReload: () => void;
}) {
  const trpc = useTRPC();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const fire = useMutation(trpc.workflows.instances.transition.mutationOptions());

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const comment = new FormData(target).get("comment");
    const parsed = errors.validate(
      ZCommentSchema(transition.requiresComment),
      { comment: typeof comment === "string" ? comment : "" },
      target,
    );
    if (!parsed) return;
    try {
      const result = await fire.mutateAsync({
        instanceId,
        transitionKey: transition.key,
        expectedVersion,
        idempotencyKey,
        ...(parsed.comment ? { comment: parsed.comment } : {}),
      });
      onDone(result);
    } catch (error) {
      const info = describeApiError(error);
      const stale = info.code === "CONFLICT" && info.reason === "stale_version";
      const details = ZStaleDetailsSchema.safeParse(info.details);
      if (stale && details.success) {
        setConflict({ currentState: details.data.currentState });
        errors.clear();
        return;
      }
      errors.fromServer(error, target);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={transition.name}
      description={`Moves this item to “${toName}”.`}
      footer={
        conflict ? (
          <>
            <Button onClick={onClose}>Close</Button>
            <Button variant="primary" onClick={onReload}>
              Reload the item
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" form="transition-form" variant="primary" loading={fire.isPending}>
              {transition.name}
            </Button>
          </>
        )
      }
    >
      {conflict ? (
        <Alert tone="warning" title="Someone else moved this item first">
          It is now in “{stateName(conflict.currentState)}”. Reload it to see what changed, then
          decide again.
        </Alert>
      ) : (
        <form
          id="transition-form"
          ref={form}
          className="form"
          onSubmit={(event) => void onSubmit(event)}
          noValidate
        >
          {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
          <TextareaField
            label={transition.requiresComment ? "Comment" : "Comment (optional)"}
            name="comment"
            rows={3}
            maxLength={2000}
            autoFocus
            required={transition.requiresComment}
            hint={
              transition.requiresComment
                ? "This step needs a comment: it is kept in the item's history."
                : undefined
            }
            error={errors.error("comment")}
          />
        </form>
      )}
    </Dialog>
  );
}
