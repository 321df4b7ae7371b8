"use client";

import { useMutation } from "@tanstack/react-query";
import { type SubmitEvent } from "react";
import { z } from "zod";

import { Alert, Button } from "@fastnext/ui";
import { ZEmailSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { TextField } from "../ui/field";

const ZRequestSchema = z.object({ email: ZEmailSchema });

/**
 * Asks for a reset link. The answer is the same whether or not the address
 * has an account (the API says nothing either way), and so is this page.
 */
export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const errors = useFormErrors();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const input = errors.validate(ZRequestSchema, formValues(target), target);
    if (!input) return;
    try {
      await request.mutateAsync(input);
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  if (request.isSuccess) {
    return (
      <Alert tone="success" title="Check your e-mail">
        If an account uses {request.variables.email}, a link to choose a new password is on its way.
        It works once, for a short time.
      </Alert>
    );
  }

  return (
    <form
      {...POST_ONLY_FORM}
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Reset password"
    >
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        autoFocus
        error={errors.error("email")}
      />
      <Button type="submit" variant="primary" block loading={request.isPending}>
        Send the link
      </Button>
    </form>
  );
}
