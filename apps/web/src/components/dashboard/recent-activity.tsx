"use client";

import { useQuery } from "@tanstack/react-query";

import { describeActivity } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { RECENT_ACTIVITY_INPUT } from "./inputs";

/** The signed-in user's own latest changes (their part of the activity trail). */
export function RecentActivity() {
  const trpc = useTRPC();
  const activity = useQuery(trpc.users.activities.list.queryOptions(RECENT_ACTIVITY_INPUT));
  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card-header">
        <h2 id="activity-title">Your recent activity</h2>
      </div>
      {activity.isPending ? (
        <LoadingState label="Loading your activity" />
      ) : activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />
      ) : activity.data.items.length === 0 ? (
        <EmptyState title="Nothing yet">What you change shows up here.</EmptyState>
      ) : (
        <ul className="list">
          {activity.data.items.map((entry) => (
            <li key={entry.id}>
              <div className="list-main">
                <span>{describeActivity(entry)}</span>
                <span className="list-meta">
                  <Time date={entry.createdAt} />
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
