import { type Metadata } from "next";

import { SystemPanel } from "~/components/admin/system-panel";
import { Forbidden } from "~/components/shell/forbidden";
import { HydrateClient, prefetch, trpc, viewerCan } from "~/trpc/server";

export const metadata: Metadata = { title: "System" };

export default async function AdminSystemPage() {
  if (!(await viewerCan("system.read"))) return <Forbidden permission="system.read" />;
  await Promise.all([
    prefetch(trpc.admin.system.stats.queryOptions()),
    prefetch(trpc.admin.system.settings.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <SystemPanel />
    </HydrateClient>
  );
}
