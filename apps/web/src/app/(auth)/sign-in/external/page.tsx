import { type Metadata } from "next";
import Link from "next/link";

import { AuthFrame } from "~/components/auth/auth-frame";
import { ExternalSignInFinish } from "~/components/auth/external-sign-in-finish";
import { ZExternalReturnSearchSchema } from "~/components/auth/external-return-search";

export const metadata: Metadata = { title: "Signing in" };

/** Where an external sign-in returns with its one-time code (or its refusal). */
export default async function ExternalSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const search = ZExternalReturnSearchSchema.parse(await searchParams);
  return (
    <AuthFrame
      title="Signing in"
      footer={
        <>
          Trouble? <Link href="/sign-in">Back to sign-in</Link>
        </>
      }
    >
      <ExternalSignInFinish code={search.code} state={search.state} refused={search.error} />
    </AuthFrame>
  );
}
