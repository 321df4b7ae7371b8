import { type Metadata } from "next";

import { SystemPanel } from "~/components/admin/system-panel";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "System" };

export default async function AdminSystemPage() {
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
