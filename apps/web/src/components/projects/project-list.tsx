"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { Badge, Button, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { useCan } from "../shell/viewer";
import { Checkbox, TextField } from "../ui/field";
import { PageHeader } from "../ui/page-header";
import { Pager, useCursorPager } from "../ui/pager";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useDebounced } from "../ui/use-debounced";
import { CreateProjectDialog } from "./create-project-dialog";
import { ROLE_LABEL, ROLE_TONE, VISIBILITY_LABEL } from "./labels";
import { projectListInput } from "./project-list-input";

export function ProjectList() {
  const trpc = useTRPC();
  const can = useCan();
  const [search, setSearch] = useState("");
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const pager = useCursorPager();
  const debounced = useDebounced(search);
  const projects = useQuery({
    ...trpc.projects.list.queryOptions(projectListInput(debounced, archived, pager.cursor)),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Projects"
        description="Where your team's work items live."
        actions={
          can("project.create") ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Icon name="plus" /> New project
            </Button>
          ) : null
        }
      />
      <section className="card" aria-label="Project list">
        <div className="toolbar" role="search">
          <TextField
            label="Search projects"
            type="search"
            placeholder="Project name"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              pager.reset();
            }}
          />
          <Checkbox
            label="Show archived"
            checked={archived}
            onChange={(event) => {
              setArchived(event.target.checked);
              pager.reset();
            }}
          />
        </div>
        {projects.isPending ? (
          <LoadingState label="Loading projects" rows={4} />
        ) : projects.isError ? (
          <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
        ) : projects.data.items.length === 0 ? (
          <EmptyState
            title={
              debounced
                ? "No project matches this search"
                : archived
                  ? "No archived projects"
                  : "No projects yet"
            }
            action={
              !debounced && !archived && can("project.create") ? (
                <Button variant="primary" onClick={() => setCreating(true)}>
                  Create your first project
                </Button>
              ) : null
            }
          >
            {!debounced && !archived
              ? "Projects you are a member of, and internal ones, appear here."
              : null}
          </EmptyState>
        ) : (
          <ul className="list" aria-label="Projects" aria-busy={projects.isFetching}>
            {projects.data.items.map((project) => (
              <li key={project.id}>
                <div className="list-main">
                  <Link className="list-title" href={`/projects/${project.id}`}>
                    {project.name}
                  </Link>
                  {project.description ? (
                    <span className="small muted">{project.description}</span>
                  ) : null}
                  <span className="list-meta">
                    {project.memberCount} {project.memberCount === 1 ? "member" : "members"} ·{" "}
                    {project.openInstanceCount} open{" "}
                    {project.openInstanceCount === 1 ? "item" : "items"} · created{" "}
                    <Time date={project.createdAt} />
                  </span>
                </div>
                <div className="cluster" style={{ justifyContent: "flex-end" }}>
                  <Badge>{VISIBILITY_LABEL[project.visibility]}</Badge>
                  {project.myRole ? (
                    <Badge tone={ROLE_TONE[project.myRole]}>{ROLE_LABEL[project.myRole]}</Badge>
                  ) : null}
                  {project.archivedAt ? <Badge tone="warning">Archived</Badge> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pager pager={pager} nextCursor={projects.data?.nextCursor} busy={projects.isFetching} />
      </section>
      <CreateProjectDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
