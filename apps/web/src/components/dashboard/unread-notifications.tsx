"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "~/trpc/client";

import { notificationHref } from "../notifications/inputs";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { UNREAD_NOTIFICATIONS_INPUT } from "./inputs";

/** Unread notifications; the bell's live updates refresh this list too (same query family). */
export function UnreadNotifications() {
  const trpc = useTRPC();
  const unread = useQuery(trpc.notifications.list.queryOptions(UNREAD_NOTIFICATIONS_INPUT));
  return (
    <section className="card" aria-labelledby="unread-title">
      <div className="card-header">
        <h2 id="unread-title">Unread notifications</h2>
      </div>
      {unread.isPending ? (
        <LoadingState label="Loading notifications" />
      ) : unread.isError ? (
        <ErrorState error={unread.error} onRetry={() => void unread.refetch()} />
      ) : unread.data.items.length === 0 ? (
        <EmptyState title="You are all caught up" />
      ) : (
        <ul className="list">
          {unread.data.items.map((notification) => {
            const href = notificationHref(notification.data);
            return (
              <li key={notification.id}>
                <div className="list-main">
                  {href ? (
                    <Link className="list-title" href={href}>
                      {notification.title}
                    </Link>
                  ) : (
                    <span className="list-title">{notification.title}</span>
                  )}
                  <span className="list-meta">
                    {notification.body ? `${notification.body} · ` : ""}
                    <Time date={notification.createdAt} />
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
