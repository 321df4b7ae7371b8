import { type Metadata } from "next";

import { LinkIdentityFinish } from "~/components/account/link-identity-finish";
import { PageHeader } from "~/components/ui/page-header";
import { ZExternalReturnSearchSchema } from "~/components/auth/external-return-search";

export const metadata: Metadata = { title: "Link a provider" };

/** Where linking a provider from the account page returns with its one-time code. */
export default async function LinkIdentityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const search = ZExternalReturnSearchSchema.parse(await searchParams);
  return (
    <>
      <PageHeader title="Link a provider" />
      <LinkIdentityFinish code={search.code} state={search.state} refused={search.error} />
    </>
  );
}
