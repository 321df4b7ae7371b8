"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type SubmitEvent } from "react";
import { z } from "zod";

import { Alert, Button } from "@fastnext/ui";
import { mentionToken, ZCommentBodySchema, COMMENT_MAX_LENGTH } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { useFormErrors, type FormErrors } from "../form/use-form-errors";
import { newIdempotencyKey } from "../form/use-idempotency-key";
import { TextareaField } from "../ui/field";

const ZBodyFormSchema = z.object({ body: ZCommentBodySchema });

export interface Mentionable {
  userId: string;
  name: string;
}

/**
 * The text of a comment with a member picker that inserts a mention token
 * where the caret was. Used to write a comment and to edit one's own.
 */
export function CommentEditor({
  id,
  initial = "",
  members,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  errors,
}: {
  id: string;
  initial?: string;
  members: Mentionable[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (body: string, form: HTMLFormElement) => void;
  onCancel?: () => void;
  errors: FormErrors;
}) {
  const [body, setBody] = useState(initial);
  const caret = useRef<number | null>(null);

  function insertMention(userId: string) {
    const member = members.find((m) => m.userId === userId);
    if (!member) return;
    const token = mentionToken({ id: member.userId, name: member.name });
    const at = caret.current ?? body.length;
    const before = body.slice(0, at);
    const spaced = before === "" || /\s$/.test(before) ? token : ` ${token}`;
    const next = `${before}${spaced} ${body.slice(at)}`;
    caret.current = before.length + spaced.length + 1;
    setBody(next);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = errors.validate(ZBodyFormSchema, { body }, form);
    if (parsed) onSubmit(parsed.body, form);
  }

  return (
    <form id={id} className="form comment-form" onSubmit={submit} noValidate>
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      <TextareaField
        label="Comment"
        hideLabel
        name="body"
        rows={3}
        maxLength={COMMENT_MAX_LENGTH}
        placeholder="Write a comment; mention a member to notify them"
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          caret.current = event.target.selectionStart;
        }}
        onSelect={(event) => {
          caret.current = event.currentTarget.selectionStart;
        }}
        error={errors.error("body")}
      />
      <div className="comment-form-actions">
        <select
          className="select"
          aria-label="Mention a member"
          value=""
          disabled={members.length === 0}
          onChange={(event) => insertMention(event.target.value)}
        >
          <option value="">Mention…</option>
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </select>
        <div className="cluster">
          {onCancel ? (
            <Button size="sm" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" size="sm" variant="primary" loading={busy}>
            {submitLabel}
          </Button>
        </div>
      </div>
    </form>
  );
}

/**
 * A new comment on the item. The idempotency key is kept until the comment
 * is saved, so a resubmit after a lost answer does not post it twice.
 */
export function CommentBox({
  instanceId,
  members,
  onPosted,
}: {
  instanceId: string;
  members: Mentionable[];
  onPosted: () => void;
}) {
  const trpc = useTRPC();
  const errors = useFormErrors();
  const [key, setKey] = useState(newIdempotencyKey);
  // A new editor after each post empties the text.
  const [round, setRound] = useState(0);
  const create = useMutation(trpc.workflows.comments.create.mutationOptions());

  return (
    <CommentEditor
      key={round}
      id="comment-form"
      members={members}
      submitLabel="Comment"
      busy={create.isPending}
      errors={errors}
      onSubmit={(body, form) => {
        create.mutate(
          { instanceId, body, idempotencyKey: key },
          {
            onSuccess: () => {
              setKey(newIdempotencyKey());
              setRound((n) => n + 1);
              onPosted();
            },
            onError: (error) => errors.fromServer(error, form),
          },
        );
      }}
    />
  );
}
