import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { type ReactNode } from "react";

import { SignedInShell } from "~/components/shell/signed-in-shell";
import { ViewerProvider } from "~/components/shell/viewer";
import { getQueryClient, getViewer, HydrateClient, prefetch, trpc } from "~/trpc/server";

/** Every page in here needs a signed-in user with a session the API still accepts. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) {
    // A session cookie the API no longer accepts: say why. No cookie: just sign in.
    const hadSession = (await cookies())
      .getAll()
      .some((cookie) => cookie.name.includes("next-auth.session-token"));
    redirect(hadSession ? "/sign-in?reason=session_ended" : "/sign-in");
  }
  // The shell's own data: the bell's count, and the theme the user chose.
  await Promise.all([
    prefetch(trpc.notifications.unreadCount.queryOptions()),
    prefetch(trpc.users.settings.get.queryOptions()),
  ]);
  const settings = getQueryClient().getQueryData(trpc.users.settings.get.queryKey());
  return (
    <HydrateClient>
      <ViewerProvider viewer={viewer}>
        <SignedInShell savedTheme={settings?.theme ?? "system"}>{children}</SignedInShell>
      </ViewerProvider>
    </HydrateClient>
  );
}
