import { type Metadata } from "next";

import { IdentitiesCard } from "~/components/account/identities-card";
import { PasswordCard } from "~/components/account/password-card";
import { PreferencesCard } from "~/components/account/preferences-card";
import { ProfileCard } from "~/components/account/profile-card";
import { SessionsCard } from "~/components/account/sessions-card";
import { TwoFactorCard } from "~/components/account/two-factor-card";
import { PageHeader } from "~/components/ui/page-header";
import { webEnv } from "~/env";
import { enabledIdentityProviders, LINK_IDENTITY_PAGE } from "~/server/oauth-handler";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Account and security" };

export default async function AccountPage() {
  await Promise.all([
    prefetch(trpc.auth.sessions.list.queryOptions()),
    prefetch(trpc.users.settings.get.queryOptions()),
    prefetch(trpc.auth.identities.list.queryOptions()),
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
        <IdentitiesCard
          providers={enabledIdentityProviders()}
          redirectUri={new URL(LINK_IDENTITY_PAGE, webEnv().APP_URL).toString()}
        />
        <SessionsCard />
        <PreferencesCard />
      </div>
    </HydrateClient>
  );
}
