import { useRouter } from "expo-router";
import { useState } from "react";

import { ZLoginInputSchema } from "@fastnext/validators";

import { completeTwoFactor, signInWithPassword } from "../data/auth";
import { describeProblem, type ProblemView } from "../data/errors";
import { checkForm, type FieldErrors } from "../data/form";
import { deviceLabel } from "../platform/device";
import { useSession } from "../session/session-context";
import { Body, Button, Notice, Screen, TextField, Title } from "../ui/controls";

type Step = { kind: "password" } | { kind: "code"; challengeToken: string };

/** Reasons that mean the challenge itself is spent: the password step starts over. */
const CHALLENGE_GONE = new Set([
  "invalid_challenge",
  "challenge_used",
  "challenge_expired",
  "challenge_exhausted",
]);

export function SignInScreen() {
  const session = useSession();
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemView | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    const view = describeProblem(error);
    setProblem(view);
    setFieldErrors(view.fieldErrors);
    return view;
  };

  const finish = () => {
    session.signedIn();
    router.replace("/projects");
  };

  const submitPassword = async () => {
    const form = checkForm(ZLoginInputSchema, { email, password });
    setProblem(null);
    if (!form.ok) {
      setFieldErrors(form.fieldErrors);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const result = await signInWithPassword(session.client, session.tokens, {
        ...form.data,
        deviceLabel: deviceLabel(),
      });
      if (result.status === "two_factor_required") {
        setCode("");
        setStep({ kind: "code", challengeToken: result.challengeToken });
      } else {
        finish();
      }
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (challengeToken: string) => {
    setProblem(null);
    setFieldErrors({});
    if (code.trim() === "") {
      setFieldErrors({ code: ["Enter the code from your authenticator app"] });
      return;
    }
    setBusy(true);
    try {
      await completeTwoFactor(session.client, session.tokens, { challengeToken, code });
      finish();
    } catch (error) {
      const view = fail(error);
      if (view.reason && CHALLENGE_GONE.has(view.reason)) setStep({ kind: "password" });
    } finally {
      setBusy(false);
    }
  };

  if (step.kind === "code") {
    return (
      <Screen>
        <Title>Two-factor sign-in</Title>
        <Body muted>Enter the 6-digit code from your authenticator app, or a backup code.</Body>
        {problem ? <Notice tone="error">{problem.message}</Notice> : null}
        <TextField
          label="Code"
          value={code}
          onChangeText={setCode}
          errors={fieldErrors.code}
          autoComplete="one-time-code"
          textContentType="oneTimeCode"
          keyboardType="default"
          autoCapitalize="none"
          autoCorrect={false}
          autoFocus
          onSubmitEditing={() => void submitCode(step.challengeToken)}
        />
        <Button label="Verify" busy={busy} onPress={() => submitCode(step.challengeToken)} />
        <Button
          label="Back"
          hint="Start the sign-in again"
          variant="secondary"
          onPress={() => {
            setProblem(null);
            setFieldErrors({});
            setStep({ kind: "password" });
          }}
        />
      </Screen>
    );
  }

  return (
    <Screen>
      <Title>Sign in</Title>
      {problem ? <Notice tone="error">{problem.message}</Notice> : null}
      <TextField
        label="E-mail"
        value={email}
        onChangeText={setEmail}
        errors={fieldErrors.email}
        autoComplete="email"
        textContentType="emailAddress"
        keyboardType="email-address"
        autoCapitalize="none"
        autoCorrect={false}
      />
      <TextField
        label="Password"
        value={password}
        onChangeText={setPassword}
        errors={fieldErrors.password}
        autoComplete="current-password"
        textContentType="password"
        secureTextEntry
        onSubmitEditing={() => void submitPassword()}
      />
      <Button label="Sign in" busy={busy} onPress={submitPassword} />
      <Button
        label="Create an account"
        variant="secondary"
        onPress={() => router.push("/register")}
      />
      <Button
        label="Forgot your password?"
        hint="Request a password reset e-mail"
        variant="secondary"
        onPress={() => router.push("/reset-password")}
      />
    </Screen>
  );
}
