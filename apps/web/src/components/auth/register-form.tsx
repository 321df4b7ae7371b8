"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRef, type SubmitEvent } from "react";

import { Alert, Button } from "@fastnext/ui";
import { ZRegisterInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { NewAccountPasswordField } from "../form/new-password-fields";
import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { TextField } from "../ui/field";

/** Creates the account with `auth.register`, then signs in through next-auth. */
export function RegisterForm() {
  const trpc = useTRPC();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const register = useMutation(trpc.auth.register.mutationOptions());

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = errors.validate(
      ZRegisterInputSchema,
      formValues(event.currentTarget),
      form.current,
    );
    if (!input) return;
    try {
      await register.mutateAsync(input);
    } catch (error) {
      errors.fromServer(error, form.current);
      return;
    }
    const result = await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirect: false,
    });
    // Registered but not signed in (e.g. sign-in rate limit): the sign-in page says why.
    window.location.assign(result?.ok && !result.error ? "/" : "/sign-in?reason=registered");
  }

  return (
    <form
      {...POST_ONLY_FORM}
      ref={form}
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Create account"
    >
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        autoFocus
        error={errors.error("name")}
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={errors.error("email")}
      />
      <NewAccountPasswordField errors={errors} />
      <Button type="submit" variant="primary" block loading={register.isPending}>
        Create account
      </Button>
    </form>
  );
}
