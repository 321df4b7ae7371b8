import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "expo-router";
import { useState } from "react";
import { Pressable, StyleSheet, Text, View } from "react-native";

import { describeProblem } from "../data/errors";
import { notificationListKey, UNREAD_POLL_MS, unreadCountKey } from "../data/notifications";
import { useSession } from "../session/session-context";
import { Body, Button, Notice, Screen } from "../ui/controls";
import { QueryState } from "../ui/query-state";
import { spacing, useTheme } from "../ui/theme";

/** The unread count for the tab's badge, read again every UNREAD_POLL_MS while the app is open. */
export function useUnreadCount(): number {
  const { client } = useSession();
  const unread = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => client.notifications.unreadCount.query(),
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
  return unread.data?.count ?? 0;
}

export function NotificationsScreen() {
  const { client } = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { colors } = useTheme();
  const [problem, setProblem] = useState<string | null>(null);
  const list = useQuery({
    queryKey: notificationListKey,
    queryFn: () => client.notifications.list.query({ limit: 50 }),
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
  const reread = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: notificationListKey }),
      queryClient.invalidateQueries({ queryKey: unreadCountKey }),
    ]);
  const run = async (change: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await change();
      await reread();
    } catch (error) {
      setProblem(describeProblem(error).message);
    }
  };

  return (
    <Screen>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <Button
        label="Mark all as read"
        variant="secondary"
        onPress={() => run(() => client.notifications.markAllRead.mutate())}
      />
      <QueryState query={list} label="Loading notifications">
        {(page) =>
          page.items.length === 0 ? (
            <Body muted>Nothing new.</Body>
          ) : (
            <View style={styles.list}>
              {page.items.map((notification) => {
                const unread = notification.readAt === null;
                const { projectId, instanceId } = notification.data;
                return (
                  <Pressable
                    key={notification.id}
                    accessibilityRole="button"
                    accessibilityLabel={`${unread ? "Unread: " : ""}${notification.title}. ${notification.body}`}
                    accessibilityHint={
                      instanceId ? "Marks it read and opens the item" : "Marks it read"
                    }
                    onPress={() =>
                      run(async () => {
                        if (unread)
                          await client.notifications.markRead.mutate({ ids: [notification.id] });
                        if (projectId && instanceId)
                          router.push(`/projects/${projectId}/items/${instanceId}`);
                      })
                    }
                    style={[
                      styles.row,
                      {
                        backgroundColor: colors.surface,
                        borderColor: unread ? colors.primary : colors.border,
                      },
                    ]}
                  >
                    <Text style={[styles.title, { color: colors.text }]}>
                      {unread ? "● " : ""}
                      {notification.title}
                    </Text>
                    <Text style={{ color: colors.text }}>{notification.body}</Text>
                    <Text style={{ color: colors.muted }}>
                      {notification.createdAt.toLocaleString()}
                    </Text>
                  </Pressable>
                );
              })}
            </View>
          )
        }
      </QueryState>
    </Screen>
  );
}

const styles = StyleSheet.create({
  list: { gap: spacing.sm },
  row: { borderWidth: 1, borderRadius: 8, padding: spacing.md, gap: spacing.xs, minHeight: 44 },
  title: { fontSize: 16, fontWeight: "600" },
});
