import { type Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";

import { AuthFrame } from "~/components/auth/auth-frame";
import { safeCallbackUrl } from "~/components/auth/callback-url";
import { ExternalSignInButtons } from "~/components/auth/external-sign-in-buttons";
import { SignInForm } from "~/components/auth/sign-in-form";
import { webEnv } from "~/env";
import { enabledIdentityProviders, EXTERNAL_SIGN_IN_PAGE } from "~/server/oauth-handler";
import { getViewer } from "~/trpc/server";

export const metadata: Metadata = { title: "Sign in" };

const ZSearchSchema = z.object({
  callbackUrl: z.string().optional().catch(undefined),
  reason: z.string().max(40).optional().catch(undefined),
});

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const search = ZSearchSchema.parse(await searchParams);
  const callbackUrl = safeCallbackUrl(search.callbackUrl);
  // Already signed in (with a session that still works): nothing to do here.
  if (await getViewer()) redirect(callbackUrl);
  return (
    <AuthFrame
      title="Sign in"
      subtitle="Welcome back. Sign in to your workspace."
      footer={
        <>
          New here? <Link href="/register">Create an account</Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} notice={search.reason} />
      <ExternalSignInButtons
        providers={enabledIdentityProviders()}
        intent="sign_in"
        redirectUri={new URL(EXTERNAL_SIGN_IN_PAGE, webEnv().APP_URL).toString()}
        callbackUrl={callbackUrl}
      />
    </AuthFrame>
  );
}
