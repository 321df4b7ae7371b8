import { type Metadata } from "next";

import {
  ALL_ROLES_INPUT,
  DEFAULT_USER_FILTERS,
  userListInput,
} from "~/components/admin/user-list-input";
import { UsersTable } from "~/components/admin/users-table";
import { HydrateClient, prefetch, trpc, viewerCan } from "~/trpc/server";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  await Promise.all([
    prefetch(trpc.admin.users.list.queryOptions(userListInput(DEFAULT_USER_FILTERS))),
    (await viewerCan("role.read"))
      ? prefetch(trpc.admin.roles.list.queryOptions(ALL_ROLES_INPUT))
      : null,
  ]);
  return (
    <HydrateClient>
      <UsersTable />
    </HydrateClient>
  );
}
