import { type Metadata } from "next";
import { z } from "zod";

import { LinkIdentityFinish } from "~/components/account/link-identity-finish";
import { PageHeader } from "~/components/ui/page-header";

export const metadata: Metadata = { title: "Link a provider" };

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

/** Where linking a provider from the account page returns with its one-time code. */
export default async function LinkIdentityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const search = ZSearchSchema.parse(await searchParams);
  return (
    <>
      <PageHeader title="Link a provider" />
      <LinkIdentityFinish code={search.code} state={search.state} refused={search.error} />
    </>
  );
}
