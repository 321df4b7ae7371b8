"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { signIn, signOut } from "next-auth/react";
import { useRef, useState, type SubmitEvent } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Button } from "@fastnext/ui";
import { ZInvitationRegisterInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { NewAccountPasswordField } from "../form/new-password-fields";
import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { ROLE_LABEL } from "../projects/labels";
import { TextField } from "../ui/field";
import { Time } from "../ui/time";

type Invitation = RouterOutputs["invitations"]["get"];

/**
 * What the invitee can do with a valid link: accept or decline when signed
 * in with the invited address; otherwise sign in, or create the account for
 * that address (locked: it is the invitation's) and join in one step.
 */
export function InvitationAnswer({
  token,
  invitation,
  viewerEmail,
}: {
  token: string;
  invitation: Invitation;
  viewerEmail: string | null;
}) {
  const here = `/invitations/${encodeURIComponent(token)}`;
  const offer = (
    <p className="small">
      Role: <strong>{ROLE_LABEL[invitation.role]}</strong>. The link expires{" "}
      <Time date={invitation.expiresAt} />.
    </p>
  );
  if (viewerEmail === null) {
    return (
      <div className="stack-sm">
        {offer}
        <p className="small">
          Already have an account for {invitation.email}?{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in to answer</Link>.
        </p>
        <InvitationRegisterForm token={token} email={invitation.email} />
      </div>
    );
  }
  if (viewerEmail !== invitation.email) {
    return (
      <div className="stack-sm">
        <Alert tone="warning" title="This invitation is for another address">
          You are signed in as {viewerEmail}, but the invitation was sent to {invitation.email}.
        </Alert>
        <Button
          onClick={() =>
            void signOut({ callbackUrl: `/sign-in?callbackUrl=${encodeURIComponent(here)}` })
          }
        >
          Sign out and use {invitation.email}
        </Button>
      </div>
    );
  }
  return (
    <div className="stack-sm">
      {offer}
      <AnswerButtons token={token} />
    </div>
  );
}

function AnswerButtons({ token }: { token: string }) {
  const trpc = useTRPC();
  const [declined, setDeclined] = useState(false);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: (outcome) => window.location.assign(`/projects/${outcome.projectId}`),
    }),
  );
  const decline = useMutation(
    trpc.invitations.decline.mutationOptions({ onSuccess: () => setDeclined(true) }),
  );
  if (declined) {
    return (
      <Alert tone="info" title="You declined this invitation">
        <Link href="/">Go to FastNext</Link>
      </Alert>
    );
  }
  const failed = accept.error ?? decline.error;
  return (
    <>
      {failed ? <Alert tone="error">{errorMessage(failed)}</Alert> : null}
      <div className="cluster">
        <Button
          variant="primary"
          loading={accept.isPending}
          disabled={decline.isPending}
          onClick={() => accept.mutate({ token })}
        >
          Accept invitation
        </Button>
        <Button
          loading={decline.isPending}
          disabled={accept.isPending}
          onClick={() => decline.mutate({ token })}
        >
          Decline
        </Button>
      </div>
    </>
  );
}

/** A new account for the invited address, then signs in and opens the project. */
function InvitationRegisterForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const register = useMutation(trpc.invitations.register.mutationOptions());

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = errors.validate(
      ZInvitationRegisterInputSchema,
      { ...formValues(event.currentTarget), token },
      form.current,
    );
    if (!input) return;
    let projectId: string;
    try {
      projectId = (await register.mutateAsync(input)).membership.projectId;
    } catch (error) {
      errors.fromServer(error, form.current);
      return;
    }
    const result = await signIn("credentials", {
      email,
      password: input.password,
      redirect: false,
    });
    window.location.assign(
      result?.ok && !result.error ? `/projects/${projectId}` : "/sign-in?reason=registered",
    );
  }

  return (
    <form
      {...POST_ONLY_FORM}
      ref={form}
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Create account and join"
    >
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        error={errors.error("name")}
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        value={email}
        readOnly
        aria-readonly="true"
        hint="The invited address."
        error={errors.error("email")}
      />
      <NewAccountPasswordField errors={errors} />
      <Button type="submit" variant="primary" block loading={register.isPending}>
        Create account and join
      </Button>
    </form>
  );
}
