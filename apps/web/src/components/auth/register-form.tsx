"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";

import { Alert, Button } from "@fastnext/ui";
import { ZRegisterInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { NewAccountPasswordField } from "../form/new-password-fields";
import { POST_ONLY_FORM } from "../form/post-only";
import { useZodForm } from "../form/use-zod-form";
import { TextField } from "../ui/field";

/** Creates the account with `auth.register`, then signs in through next-auth. */
export function RegisterForm() {
  const trpc = useTRPC();
  const { form, errors, submit } = useZodForm(ZRegisterInputSchema, {
    name: "",
    email: "",
    password: "",
  });
  const register = useMutation(trpc.auth.register.mutationOptions());

  const onSubmit = submit(async (input) => {
    // A refusal (a taken e-mail, say) is shown beside its field by `submit`.
    await register.mutateAsync(input);
    const result = await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirect: false,
    });
    // Registered but not signed in (e.g. sign-in rate limit): the sign-in page says why.
    window.location.assign(result?.ok && !result.error ? "/" : "/sign-in?reason=registered");
  });

  return (
    <form
      {...POST_ONLY_FORM}
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Create account"
    >
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      <TextField
        label="Name"
        autoComplete="name"
        required
        autoFocus
        {...form.register("name")}
        error={errors.error("name")}
      />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="email"
        required
        {...form.register("email")}
        error={errors.error("email")}
      />
      <NewAccountPasswordField errors={errors} field={form.register("password")} />
      <Button type="submit" variant="primary" block loading={register.isPending}>
        Create account
      </Button>
    </form>
  );
}
