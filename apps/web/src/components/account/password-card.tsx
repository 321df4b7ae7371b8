"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type SubmitEvent } from "react";
import { z } from "zod";

import { Alert, Button } from "@fastnext/ui";
import { ZChangePasswordInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { NewPasswordFields } from "../form/new-password-fields";
import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { TextField } from "../ui/field";
import { useToast } from "../ui/toast";

// The API's schema, plus the confirmation only a person typing needs.
const ZPasswordFormSchema = ZChangePasswordInputSchema.extend({
  confirmPassword: z.string(),
}).refine((value) => value.newPassword === value.confirmPassword, {
  path: ["confirmPassword"],
  message: "The two new passwords differ",
});

export function PasswordCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      // Every other device was signed out.
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.list.queryKey() }),
    }),
  );

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const parsed = errors.validate(ZPasswordFormSchema, formValues(target), target);
    if (!parsed) return;
    try {
      const result = await change.mutateAsync({
        currentPassword: parsed.currentPassword,
        newPassword: parsed.newPassword,
      });
      target.reset();
      const others = result.revokedSessions;
      toast.success(
        others > 0
          ? `Password changed. ${others} other ${others === 1 ? "device was" : "devices were"} signed out.`
          : "Password changed.",
      );
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <div className="card-header">
        <h2 id="password-title">Password</h2>
      </div>
      <form
        {...POST_ONLY_FORM}
        ref={form}
        className="card-body form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errors.error("currentPassword")}
        />
        <div className="form-row">
          <NewPasswordFields name="newPassword" errors={errors} />
        </div>
        <p className="small muted">Changing your password signs out your other devices.</p>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
