"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { Badge } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { useViewer } from "../shell/viewer";
import { PageHeader } from "../ui/page-header";
import { ROLE_LABEL, ROLE_TONE, VISIBILITY_LABEL, mayAct } from "./labels";

/** The project's name, badges and tabs, above each of its pages. */
export function ProjectHeader({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const pathname = usePathname();
  // Prefetched by the layout: present on first render.
  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  const base = `/projects/${projectId}`;
  // An item's page has its own heading, with the project in its breadcrumbs.
  if (!project.data || pathname.startsWith(`${base}/instances/`)) return null;
  const { data } = project;
  const tabs = [
    { href: base, label: "Board" },
    { href: `${base}/analytics`, label: "Analytics" },
    { href: `${base}/members`, label: "Members" },
    ...(mayAct(data.myRole, "owner", viewer.permissions)
      ? [{ href: `${base}/settings`, label: "Settings" }]
      : []),
  ];
  const current = (href: string) => (href === base ? pathname === base : pathname.startsWith(href));

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Projects", href: "/projects" }, { label: data.name }]}
        title={data.name}
        description={data.description || undefined}
        actions={
          <>
            <Badge>{VISIBILITY_LABEL[data.visibility]}</Badge>
            {data.myRole ? (
              <Badge tone={ROLE_TONE[data.myRole]}>You: {ROLE_LABEL[data.myRole]}</Badge>
            ) : null}
            {data.archivedAt ? <Badge tone="warning">Archived</Badge> : null}
          </>
        }
      />
      <nav className="tabs" aria-label="Project">
        {tabs.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current(tab.href) ? "page" : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
