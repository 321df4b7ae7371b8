"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { Badge } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { useViewer } from "../shell/viewer";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { assignedToMeInput } from "./inputs";

/** Items assigned to the signed-in user, newest first; finished ones are marked. */
export function AssignedToMe() {
  const trpc = useTRPC();
  const viewer = useViewer();
  const instances = useQuery(
    trpc.workflows.instances.list.queryOptions(assignedToMeInput(viewer.user.id)),
  );
  return (
    <section className="card" aria-labelledby="assigned-title">
      <div className="card-header">
        <h2 id="assigned-title">Assigned to you</h2>
      </div>
      {instances.isPending ? (
        <LoadingState label="Loading your items" />
      ) : instances.isError ? (
        <ErrorState error={instances.error} onRetry={() => void instances.refetch()} />
      ) : instances.data.items.length === 0 ? (
        <EmptyState title="Nothing is assigned to you">
          Items you are assigned to show up here.
        </EmptyState>
      ) : (
        <ul className="list">
          {instances.data.items.map((item) => (
            <li key={item.id}>
              <div className="list-main">
                <Link
                  className="list-title"
                  href={`/projects/${item.projectId}/instances/${item.id}`}
                >
                  {item.title}
                </Link>
                <span className="list-meta">
                  {item.template.name} · in <span className="mono">{item.state}</span> since{" "}
                  <Time date={item.stateEnteredAt} />
                </span>
              </div>
              {item.completedAt ? (
                <Badge tone="success">Done</Badge>
              ) : (
                <Badge tone="accent">Open</Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
