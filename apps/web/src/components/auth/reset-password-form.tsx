"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type SubmitEvent } from "react";
import { z } from "zod";

import { Alert, Button, buttonVariants } from "@fastnext/ui";
import { ZPasswordSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { describeApiError } from "~/trpc/errors";

import { NewPasswordFields } from "../form/new-password-fields";
import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";

const ZResetFormSchema = z
  .object({ password: ZPasswordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ",
  });

/** Chooses a new password with the secret from the e-mailed link; every device is signed out. */
export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const errors = useFormErrors();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const input = errors.validate(ZResetFormSchema, formValues(target), target);
    if (!input) return;
    try {
      await reset.mutateAsync({ token, password: input.password });
    } catch (error) {
      const info = describeApiError(error);
      // A used, expired or unknown link: nothing in the form can fix that.
      if (info.fieldErrors.token) {
        errors.setFormError("This link has expired or was already used. Ask for a new one.");
        return;
      }
      errors.fromServer(error, target);
    }
  }

  if (reset.isSuccess) {
    return (
      <div className="stack-sm">
        <Alert tone="success" title="Your password was changed">
          Every device was signed out. Sign in with the new password.
        </Alert>
        <Link
          className={buttonVariants({ variant: "primary", block: true })}
          href="/sign-in?reason=password_reset"
        >
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form
      {...POST_ONLY_FORM}
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Choose a new password"
    >
      {errors.formError ? (
        <Alert tone="error">
          {errors.formError} <Link href="/forgot-password">Ask for a new link</Link>
        </Alert>
      ) : null}
      <NewPasswordFields name="password" errors={errors} autoFocus />
      <Button type="submit" variant="primary" block loading={reset.isPending}>
        Change password
      </Button>
    </form>
  );
}
