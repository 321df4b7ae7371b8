"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { Badge } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { ROLE_LABEL, ROLE_TONE } from "../projects/labels";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { DASHBOARD_PROJECTS_INPUT } from "./inputs";

export function MyProjects() {
  const trpc = useTRPC();
  const projects = useQuery(trpc.projects.list.queryOptions(DASHBOARD_PROJECTS_INPUT));
  return (
    <section className="card" aria-labelledby="my-projects-title">
      <div className="card-header">
        <h2 id="my-projects-title">Projects</h2>
        <Link className="small" href="/projects">
          All projects
        </Link>
      </div>
      {projects.isPending ? (
        <LoadingState label="Loading projects" />
      ) : projects.isError ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.items.length === 0 ? (
        <EmptyState title="No projects yet">
          <Link href="/projects">Go to projects</Link> to start one.
        </EmptyState>
      ) : (
        <ul className="list">
          {projects.data.items.map((project) => (
            <li key={project.id}>
              <div className="list-main">
                <Link className="list-title" href={`/projects/${project.id}`}>
                  {project.name}
                </Link>
                <span className="list-meta">
                  {project.openInstanceCount} open{" "}
                  {project.openInstanceCount === 1 ? "item" : "items"} · {project.memberCount}{" "}
                  {project.memberCount === 1 ? "member" : "members"}
                </span>
              </div>
              {project.myRole ? (
                <Badge tone={ROLE_TONE[project.myRole]}>{ROLE_LABEL[project.myRole]}</Badge>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
