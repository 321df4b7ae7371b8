import { Redirect, Stack } from "expo-router";

import { useSessionStatus } from "../../session/session-context";
import { useTheme } from "../../ui/theme";

/** Everything behind sign-in; a sign-out or an expired session lands on the sign-in screen. */
export default function SignedInLayout() {
  const status = useSessionStatus();
  const { colors } = useTheme();
  if (status === "signed_out") return <Redirect href="/sign-in" />;
  return (
    <Stack
      screenOptions={{
        headerStyle: { backgroundColor: colors.surface },
        headerTintColor: colors.text,
        contentStyle: { backgroundColor: colors.background },
      }}
    />
  );
}
