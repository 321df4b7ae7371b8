import { Tabs } from "expo-router";

import { useUnreadCount } from "../../../screens/notifications";
import { useTheme } from "../../../ui/theme";

/** The signed-in home: projects, notifications and the account, one tap apart. */
export default function TabsLayout() {
  const { colors } = useTheme();
  const unread = useUnreadCount();
  return (
    <Tabs
      screenOptions={{
        headerStyle: { backgroundColor: colors.surface },
        headerTintColor: colors.text,
        tabBarStyle: { backgroundColor: colors.surface, borderTopColor: colors.border },
        tabBarActiveTintColor: colors.primary,
        tabBarInactiveTintColor: colors.muted,
        tabBarIcon: () => null,
        tabBarIconStyle: { display: "none" },
        tabBarLabelStyle: { fontSize: 15, fontWeight: "600" },
      }}
    >
      <Tabs.Screen
        name="projects"
        options={{ title: "Projects", tabBarAccessibilityLabel: "Projects" }}
      />
      <Tabs.Screen
        name="notifications"
        options={{
          title: "Notifications",
          tabBarBadge: unread > 0 ? (unread > 99 ? "99+" : unread) : undefined,
          tabBarAccessibilityLabel:
            unread > 0 ? `Notifications, ${unread} unread` : "Notifications",
        }}
      />
      <Tabs.Screen
        name="account"
        options={{ title: "Account", tabBarAccessibilityLabel: "Account" }}
      />
    </Tabs>
  );
}
