import { type Metadata } from "next";

import { PasswordCard } from "~/components/account/password-card";
import { PreferencesCard } from "~/components/account/preferences-card";
import { ProfileCard } from "~/components/account/profile-card";
import { SessionsCard } from "~/components/account/sessions-card";
import { TwoFactorCard } from "~/components/account/two-factor-card";
import { PageHeader } from "~/components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Account and security" };

export default async function AccountPage() {
  await Promise.all([
    prefetch(trpc.auth.sessions.list.queryOptions()),
    prefetch(trpc.users.settings.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Account and security"
        description="Your profile, sign-in and notifications."
      />
      <div className="stack">
        <ProfileCard />
        <PasswordCard />
        <TwoFactorCard />
        <SessionsCard />
        <PreferencesCard />
      </div>
    </HydrateClient>
  );
}
