import { Stack } from "expo-router";
import { StatusBar } from "expo-status-bar";
import { useEffect, useState } from "react";
import { SafeAreaProvider } from "react-native-safe-area-context";

import { EnvError } from "@fastnext/config";

import { createMobileClient } from "../data/api-client";
import { MobileSession } from "../data/session";
import { secureTokenStore } from "../data/token-storage";
import { mobileEnv } from "../env";
import { deviceSecureStorage, newIdempotencyKey } from "../platform/secure-store";
import { SessionProvider } from "../session/session-context";
import { Body, Notice, Screen, Title } from "../ui/controls";
import { useTheme } from "../ui/theme";

type Start = { ok: true; session: MobileSession } | { ok: false; message: string };

/** The composition root: configuration in, the one session built once. */
function start(): Start {
  try {
    const { EXPO_PUBLIC_API_URL } = mobileEnv();
    const tokens = secureTokenStore(deviceSecureStorage);
    const session = new MobileSession({
      tokens,
      connect: (onSessionExpired) =>
        createMobileClient({
          baseUrl: EXPO_PUBLIC_API_URL,
          tokens,
          onSessionExpired,
          newKey: newIdempotencyKey,
        }),
    });
    return { ok: true, session };
  } catch (error) {
    if (error instanceof EnvError) return { ok: false, message: error.message };
    throw error;
  }
}

export default function RootLayout() {
  const [started] = useState(start);
  const theme = useTheme();
  useEffect(() => {
    if (started.ok) void started.session.restore();
  }, [started]);

  const headerColors = {
    headerStyle: { backgroundColor: theme.colors.surface },
    headerTintColor: theme.colors.text,
    contentStyle: { backgroundColor: theme.colors.background },
  };
  return (
    <SafeAreaProvider>
      <StatusBar style={theme.dark ? "light" : "dark"} />
      {started.ok ? (
        <SessionProvider session={started.session}>
          <Stack screenOptions={headerColors}>
            <Stack.Screen name="index" options={{ headerShown: false }} />
            <Stack.Screen name="sign-in" options={{ title: "Sign in" }} />
            <Stack.Screen name="register" options={{ title: "Create an account" }} />
            <Stack.Screen name="reset-password" options={{ title: "Reset password" }} />
            <Stack.Screen name="(app)" options={{ headerShown: false }} />
          </Stack>
        </SessionProvider>
      ) : (
        <Screen>
          <Title>The app is not configured</Title>
          <Notice tone="error">{started.message}</Notice>
          <Body muted>
            Set EXPO_PUBLIC_API_URL to the API&apos;s address (pnpm dev prints it) and start the app
            again.
          </Body>
        </Screen>
      )}
    </SafeAreaProvider>
  );
}
