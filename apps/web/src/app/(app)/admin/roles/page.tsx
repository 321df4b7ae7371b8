import { type Metadata } from "next";

import { RolesManager } from "~/components/admin/roles-manager";
import { ALL_ROLES_INPUT } from "~/components/admin/user-list-input";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Roles" };

export default async function AdminRolesPage() {
  await Promise.all([
    prefetch(trpc.admin.roles.list.queryOptions(ALL_ROLES_INPUT)),
    prefetch(trpc.admin.permissions.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <RolesManager />
    </HydrateClient>
  );
}
