import { useRouter } from "expo-router";
import { useState } from "react";

import { ZRegisterInputSchema } from "@fastnext/validators";

import { registerAccount } from "../data/auth";
import { describeProblem } from "../data/errors";
import { checkForm, type FieldErrors } from "../data/form";
import { deviceLabel } from "../platform/device";
import { useSession } from "../session/session-context";
import { Button, Notice, Screen, TextField, Title } from "../ui/controls";

export function RegisterScreen() {
  const session = useSession();
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setProblem(null);
    const form = checkForm(ZRegisterInputSchema, { name, email, password });
    if (!form.ok) {
      setFieldErrors(form.fieldErrors);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const result = await registerAccount(session.client, session.tokens, {
        ...form.data,
        deviceLabel: deviceLabel(),
      });
      if (result.status === "signed_in") {
        session.signedIn();
        router.replace("/projects");
      } else {
        router.replace("/sign-in");
      }
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
      <Title>Create an account</Title>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <TextField
        label="Name"
        value={name}
        onChangeText={setName}
        errors={fieldErrors.name}
        autoComplete="name"
        textContentType="name"
      />
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
        autoComplete="new-password"
        textContentType="newPassword"
        secureTextEntry
      />
      <Button label="Create account" busy={busy} onPress={submit} />
      <Button
        label="I have an account"
        hint="Go to sign-in"
        variant="secondary"
        onPress={() => router.replace("/sign-in")}
      />
    </Screen>
  );
}
