import { type Metadata } from "next";

import { projectListInput } from "~/components/projects/project-list-input";
import { ProjectList } from "~/components/projects/project-list";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  await prefetch(trpc.projects.list.queryOptions(projectListInput("", false)));
  return (
    <HydrateClient>
      <ProjectList />
    </HydrateClient>
  );
}
