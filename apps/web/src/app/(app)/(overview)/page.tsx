import { type Metadata } from "next";

import { AssignedToMe } from "~/components/dashboard/assigned-to-me";
import {
  assignedToMeInput,
  DASHBOARD_PROJECTS_INPUT,
  RECENT_ACTIVITY_INPUT,
  UNREAD_NOTIFICATIONS_INPUT,
} from "~/components/dashboard/inputs";
import { MyProjects } from "~/components/dashboard/my-projects";
import { RecentActivity } from "~/components/dashboard/recent-activity";
import { UnreadNotifications } from "~/components/dashboard/unread-notifications";
import { PageHeader } from "~/components/ui/page-header";
import { getViewer, HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const viewer = await getViewer();
  if (!viewer) return null;
  await Promise.all([
    prefetch(trpc.projects.list.queryOptions(DASHBOARD_PROJECTS_INPUT)),
    prefetch(trpc.workflows.instances.list.queryOptions(assignedToMeInput(viewer.user.id))),
    prefetch(trpc.notifications.list.queryOptions(UNREAD_NOTIFICATIONS_INPUT)),
    prefetch(trpc.users.activities.list.queryOptions(RECENT_ACTIVITY_INPUT)),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title={`Welcome, ${viewer.user.name}`}
        description="What needs your attention today."
      />
      <div className="grid-2">
        <AssignedToMe />
        <UnreadNotifications />
        <MyProjects />
        <RecentActivity />
      </div>
    </HydrateClient>
  );
}
