import { type Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { Alert } from "@fastnext/ui";

import { AuthFrame } from "~/components/auth/auth-frame";
import { ResetPasswordForm } from "~/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

// The link's secret, as the API accepts it; anything else is a broken link.
const ZSearchSchema = z.object({
  token: z.string().trim().min(20).max(200).optional().catch(undefined),
});

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { token } = ZSearchSchema.parse(await searchParams);
  return (
    <AuthFrame
      title="Choose a new password"
      footer={
        <>
          Back to <Link href="/sign-in">sign in</Link>
        </>
      }
    >
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert tone="error" title="This link is incomplete">
          Open the link from the e-mail again, or{" "}
          <Link href="/forgot-password">ask for a new one</Link>.
        </Alert>
      )}
    </AuthFrame>
  );
}
