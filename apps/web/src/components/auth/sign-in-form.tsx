"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { z } from "zod";

import { Alert, Button } from "@fastnext/ui";
import { ZLoginInputSchema, ZSecondFactorCodeSchema } from "@fastnext/validators";

import { POST_ONLY_FORM } from "../form/post-only";
import { useZodForm } from "../form/use-zod-form";
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
  const password = useZodForm(ZLoginInputSchema, { email: "", password: "" });
  const code = useZodForm(ZCodeSchema, { code: "" });
  const [busy, setBusy] = useState(false);
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const step = credentials ? "code" : "password";
  const { errors } = step === "password" ? password : code;
  const setFormError = (message: string | null) => {
    password.setFormError(message);
    code.setFormError(message);
  };

  async function attempt(values: { email: string; password: string; code?: string }) {
    setBusy(true);
    try {
      const result = await signIn("credentials", { ...values, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        // A full load: the signed-in layout is rendered by the server for the new session.
        window.location.assign(callbackUrl);
        return;
      }
      const failure = result?.error ?? "SignInUnavailable";
      if (failure === TWO_FACTOR_REQUIRED && !values.code) {
        setCredentials({ email: values.email, password: values.password });
        setFormError(null);
        return;
      }
      // With a code, "CredentialsSignin" means the code was wrong (the password was right a moment ago).
      setFormError(
        signInErrorMessage(
          values.code && failure === "CredentialsSignin" ? "TwoFactorInvalid" : failure,
        ),
      );
    } catch {
      setFormError(signInErrorMessage("SignInUnavailable"));
    } finally {
      setBusy(false);
    }
  }

  const onSubmit = credentials
    ? code.submit((parsed) => attempt({ ...credentials, code: parsed.code }))
    : password.submit((parsed) => attempt({ email: parsed.email, password: parsed.password }));

  return (
    <form
      {...POST_ONLY_FORM}
      className="form"
      onSubmit={(event) => void onSubmit(event)}
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
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...password.form.register("email")}
            error={errors.error("email")}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            {...password.form.register("password")}
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
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            {...code.form.register("code")}
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
              setFormError(null);
              code.form.reset();
            }}
          >
            Use a different account
          </Button>
        </>
      )}
    </form>
  );
}
