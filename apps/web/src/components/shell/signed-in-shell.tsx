"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";

import { useTRPC } from "~/trpc/client";

import { NotificationBell } from "../notifications/bell";
import { applyTheme } from "../theme/theme-menu";
import { type Theme } from "../theme/theme";
import { AppShell } from "./app-shell";
import { ConnectionBanner } from "./connection-banner";
import { PaletteLauncher } from "./palette-launcher";

/**
 * The shell with what needs the API: the command palette, the live
 * notification bell, the connection banner, and the theme saved in the
 * user's settings. The saved theme wins over this browser's cookie (it
 * follows the user to a new device); a choice made here is saved back.
 */
export function SignedInShell({
  savedTheme,
  children,
}: {
  savedTheme: Theme;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveTheme = useMutation(
    trpc.users.settings.update.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.users.settings.get.queryKey(), saved),
    }),
  );

  useEffect(() => {
    applyTheme(savedTheme);
  }, [savedTheme]);

  return (
    <AppShell
      initialTheme={savedTheme}
      search={<PaletteLauncher />}
      bell={<NotificationBell />}
      banner={<ConnectionBanner />}
      onThemeChange={(theme) => saveTheme.mutate({ theme })}
    >
      {children}
    </AppShell>
  );
}
