import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "expo-router";
import { useState } from "react";
import { StyleSheet, Text, View } from "react-native";

import { describeProblem } from "../data/errors";
import { useSession } from "../session/session-context";
import { Body, Button, Notice, Screen, Title } from "../ui/controls";
import { QueryState } from "../ui/query-state";
import { spacing, useTheme } from "../ui/theme";

export function AccountScreen() {
  const session = useSession();
  const { client } = session;
  const router = useRouter();
  const queryClient = useQueryClient();
  const { colors } = useTheme();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const me = useQuery({ queryKey: ["users.me"], queryFn: () => client.users.me.query() });
  const sessions = useQuery({
    queryKey: ["auth.sessions.list"],
    queryFn: () => client.auth.sessions.list.query(),
  });

  const signOut = async () => {
    setBusy(true);
    // Forgets the tokens, the cached data and unsent changes even when the server cannot be reached.
    await session.signOut();
    setBusy(false);
    router.replace("/sign-in");
  };

  const revoke = async (sessionId: string) => {
    setProblem(null);
    try {
      await client.auth.sessions.revoke.mutate({ sessionId });
      await queryClient.invalidateQueries({ queryKey: ["auth.sessions.list"] });
    } catch (error) {
      setProblem(describeProblem(error).message);
    }
  };

  return (
    <Screen>
      <QueryState query={me} label="Loading your profile">
        {({ user }) => (
          <View style={styles.stack}>
            <Title>{user.name}</Title>
            <Body muted>{user.email}</Body>
          </View>
        )}
      </QueryState>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <Text accessibilityRole="header" style={[styles.heading, { color: colors.text }]}>
        Signed-in devices
      </Text>
      <QueryState query={sessions} label="Loading your devices">
        {(devices) => (
          <View style={styles.stack}>
            {devices.map((device) => (
              <View
                key={device.id}
                style={[
                  styles.device,
                  { borderColor: colors.border, backgroundColor: colors.surface },
                ]}
              >
                <Text style={{ color: colors.text, fontWeight: "600" }}>
                  {device.deviceLabel}
                  {device.current ? " (this phone)" : ""}
                </Text>
                <Text style={{ color: colors.muted }}>
                  Last used {device.lastUsedAt.toLocaleString()}
                </Text>
                {device.current ? null : (
                  <Button
                    label={`Sign out ${device.deviceLabel}`}
                    variant="secondary"
                    onPress={() => revoke(device.id)}
                  />
                )}
              </View>
            ))}
          </View>
        )}
      </QueryState>
      <Button
        label="Sign out"
        hint="Signs this phone out and forgets its data"
        variant="danger"
        busy={busy}
        onPress={signOut}
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  stack: { gap: spacing.sm },
  heading: { fontSize: 18, fontWeight: "700", marginTop: spacing.md },
  device: { borderWidth: 1, borderRadius: 8, padding: spacing.md, gap: spacing.xs },
});
