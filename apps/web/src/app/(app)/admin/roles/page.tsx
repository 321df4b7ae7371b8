import { type Metadata } from "next";

import { RolesManager } from "~/components/admin/roles-manager";
import { ALL_ROLES_INPUT } from "~/components/admin/user-list-input";
import { Forbidden } from "~/components/shell/forbidden";
import { HydrateClient, prefetch, trpc, viewerCan } from "~/trpc/server";

export const metadata: Metadata = { title: "Roles" };

export default async function AdminRolesPage() {
  if (!(await viewerCan("role.read"))) return <Forbidden permission="role.read" />;
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
