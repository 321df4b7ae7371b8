import { useRouter } from "expo-router";
import { useState } from "react";

import { z } from "zod";

import { ZEmailSchema } from "@fastnext/validators";

import { requestPasswordReset } from "../data/auth";
import { describeProblem } from "../data/errors";
import { checkForm, type FieldErrors } from "../data/form";
import { useSession } from "../session/session-context";
import { Body, Button, Notice, Screen, TextField, Title } from "../ui/controls";

const ZResetRequestSchema = z.object({ email: ZEmailSchema });

export function ResetPasswordScreen() {
  const session = useSession();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setProblem(null);
    const form = checkForm(ZResetRequestSchema, { email });
    if (!form.ok) {
      setFieldErrors(form.fieldErrors);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await requestPasswordReset(session.client, form.data.email);
      setSent(true);
    } catch (error) {
      const view = describeProblem(error);
      setProblem(view.message);
      setFieldErrors(view.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen>
      <Title>Reset your password</Title>
      <Body muted>We send a link to set a new password to this address if it has an account.</Body>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {sent ? (
        <Notice tone="info">Check your e-mail for the reset link.</Notice>
      ) : (
        <>
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
          <Button label="Send reset link" busy={busy} onPress={submit} />
        </>
      )}
      <Button
        label="Back to sign-in"
        variant="secondary"
        onPress={() => router.replace("/sign-in")}
      />
    </Screen>
  );
}
