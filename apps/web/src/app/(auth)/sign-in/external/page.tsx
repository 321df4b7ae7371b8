import { type Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { AuthFrame } from "~/components/auth/auth-frame";
import { ExternalSignInFinish } from "~/components/auth/external-sign-in-finish";

export const metadata: Metadata = { title: "Signing in" };

const text = z.string().max(500).nullable().catch(null);
const ZSearchSchema = z.object({
  code: text.default(null),
  state: text.default(null),
  error: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .nullable()
    .catch(null)
    .default(null),
});

/** Where an external sign-in returns with its one-time code (or its refusal). */
export default async function ExternalSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const search = ZSearchSchema.parse(await searchParams);
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
