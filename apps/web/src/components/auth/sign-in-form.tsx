"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState, type SubmitEvent } from "react";
import { z } from "zod";

import { Alert, Button } from "@fastnext/ui";
import { ZLoginInputSchema, ZSecondFactorCodeSchema } from "@fastnext/validators";

import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { TextField } from "../ui/field";
import { signInErrorMessage, TWO_FACTOR_REQUIRED } from "./sign-in-errors";

const ZCodeSchema = z.object({ code: ZSecondFactorCodeSchema });

const NOTICES: Record<string, string> = {
  session_ended: "Your session has ended. Sign in again to continue.",
  registered: "Your account is ready. Sign in to continue.",
  password_reset: "Your password was changed. Sign in with the new one.",
  signed_out: "You have signed out.",
};

/**
 * E-mail and password through next-auth's credentials provider (the session
 * cookie is set by its response). When the account has two-factor sign-in,
 * the same call is made again with the code.
 */
export function SignInForm({
  callbackUrl,
  notice,
}: {
  callbackUrl: string;
  notice?: string | undefined;
}) {
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const step = credentials ? "code" : "password";

  async function attempt(values: { email: string; password: string; code?: string }) {
    setBusy(true);
    try {
      const result = await signIn("credentials", { ...values, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        // A full load: the signed-in layout is rendered by the server for the new session.
        window.location.assign(callbackUrl);
        return;
      }
      const code = result?.error ?? "SignInUnavailable";
      if (code === TWO_FACTOR_REQUIRED && !values.code) {
        setCredentials({ email: values.email, password: values.password });
        errors.clear();
        return;
      }
      // With a code, "CredentialsSignin" means the code was wrong (the password was right a moment ago).
      errors.setFormError(
        signInErrorMessage(values.code && code === "CredentialsSignin" ? "TwoFactorInvalid" : code),
      );
    } catch {
      errors.setFormError(signInErrorMessage("SignInUnavailable"));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    if (credentials) {
      const parsed = errors.validate(ZCodeSchema, values, form.current);
      if (parsed) void attempt({ ...credentials, code: parsed.code });
      return;
    }
    const parsed = errors.validate(ZLoginInputSchema, values, form.current);
    if (parsed) void attempt({ email: parsed.email, password: parsed.password });
  }

  return (
    <form
      {...POST_ONLY_FORM}
      ref={form}
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-label="Sign in"
    >
      {notice && NOTICES[notice] && !errors.formError ? (
        <Alert tone="info">{NOTICES[notice]}</Alert>
      ) : null}
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      {step === "password" ? (
        <>
          <TextField
            label="E-mail"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            error={errors.error("email")}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.error("password")}
            hint={<Link href="/forgot-password">Forgot your password?</Link>}
          />
          <Button type="submit" variant="primary" block loading={busy}>
            Sign in
          </Button>
        </>
      ) : (
        <>
          <p className="small muted">
            Two-factor sign-in is on for this account. Enter the code from your authenticator app.
          </p>
          <TextField
            key="code"
            label="Authentication code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            error={errors.error("code")}
            hint="Lost your device? Enter one of your backup codes instead."
          />
          <Button type="submit" variant="primary" block loading={busy}>
            Verify and sign in
          </Button>
          <Button
            variant="ghost"
            block
            onClick={() => {
              setCredentials(null);
              errors.clear();
            }}
          >
            Use a different account
          </Button>
        </>
      )}
    </form>
  );
}
