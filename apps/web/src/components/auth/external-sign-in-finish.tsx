"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef, useState, type SubmitEvent } from "react";
import { z } from "zod";

import { Alert, Button } from "@fastnext/ui";
import { ZSecondFactorCodeSchema } from "@fastnext/validators";

import { POST_ONLY_FORM } from "../form/post-only";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { TextField } from "../ui/field";
import { LoadingState } from "../ui/states";
import { safeCallbackUrl } from "./callback-url";
import { takePendingFlow } from "./external-flow";
import { EXTERNAL_TWO_FACTOR_PREFIX, signInErrorMessage } from "./sign-in-errors";

const ZCodeSchema = z.object({ code: ZSecondFactorCodeSchema });

/**
 * Finishes an external sign-in: checks the returned state against the one
 * this tab kept, then signs in through next-auth with the one-time code and
 * the PKCE verifier; asks for the second factor when the account has it.
 */
export function ExternalSignInFinish({
  code,
  state,
  refused,
}: {
  code: string | null;
  state: string | null;
  refused: string | null;
}) {
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const started = useRef(false);
  const [challenge, setChallenge] = useState<{ token: string; callbackUrl: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(credentials: Record<string, string>, callbackUrl: string) {
    const result = await signIn("external", { ...credentials, redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    const code = result?.error ?? "SignInUnavailable";
    if (code.startsWith(EXTERNAL_TWO_FACTOR_PREFIX)) {
      setChallenge({ token: code.slice(EXTERNAL_TWO_FACTOR_PREFIX.length), callbackUrl });
      errors.clear();
      return;
    }
    errors.setFormError(signInErrorMessage(code));
  }

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const pending = takePendingFlow(state);
    if (!pending) {
      errors.setFormError("This sign-in was not started here, or has expired. Start again.");
      return;
    }
    if (refused || !code) {
      errors.setFormError(signInErrorMessage(refused ?? "SignInUnavailable"));
      return;
    }
    setBusy(true);
    void attempt(
      { oauthCode: code, codeVerifier: pending.verifier, redirectUri: pending.redirectUri },
      safeCallbackUrl(pending.callbackUrl),
    )
      .catch(() => errors.setFormError(signInErrorMessage("SignInUnavailable")))
      .finally(() => setBusy(false));
    // Runs once, on arrival.
  }, []);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    const parsed = errors.validate(ZCodeSchema, formValues(event.currentTarget), form.current);
    if (!parsed) return;
    setBusy(true);
    void attempt({ challengeToken: challenge.token, code: parsed.code }, challenge.callbackUrl)
      .catch(() => errors.setFormError(signInErrorMessage("SignInUnavailable")))
      .finally(() => setBusy(false));
  }

  if (!challenge) {
    return errors.formError ? (
      <Alert tone="error">{errors.formError}</Alert>
    ) : (
      <LoadingState label="Signing you in" />
    );
  }
  return (
    <form
      {...POST_ONLY_FORM}
      ref={form}
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-label="Second factor"
    >
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      <p className="small muted">
        Two-factor sign-in is on for this account. Enter the code from your authenticator app.
      </p>
      <TextField
        label="Authentication code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        autoFocus
        error={errors.error("code")}
      />
      <Button type="submit" variant="primary" block loading={busy}>
        Verify and sign in
      </Button>
    </form>
  );
}
