import { type Metadata } from "next";

import {
  ACTOR_OPTIONS_INPUT,
  activityListInput,
  DEFAULT_ACTIVITY_FILTERS,
} from "~/components/admin/activity-input";
import { ActivityLog } from "~/components/admin/activity-log";
import { HydrateClient, prefetch, trpc, viewerCan } from "~/trpc/server";

export const metadata: Metadata = { title: "Activity" };

export default async function AdminActivityPage() {
  await Promise.all([
    prefetch(trpc.admin.activities.list.queryOptions(activityListInput(DEFAULT_ACTIVITY_FILTERS))),
    (await viewerCan("user.read"))
      ? prefetch(trpc.admin.users.list.queryOptions(ACTOR_OPTIONS_INPUT))
      : null,
  ]);
  return (
    <HydrateClient>
      <ActivityLog />
    </HydrateClient>
  );
}
