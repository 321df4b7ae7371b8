"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";

import { Button, Icon, Popover } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { describeApiError, errorMessage } from "~/trpc/errors";

import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";
import { BELL_LIST_INPUT, notificationHref } from "./inputs";

/**
 * The unread count, kept live by `notifications.onNew` (server-sent events
 * on the same origin, so the session cookie authenticates it). A new
 * notification bumps the count and the open list at once and is announced;
 * opening the panel shows the latest ones.
 */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions());
  const count = unread.data?.count ?? 0;

  useSubscription(
    trpc.notifications.onNew.subscriptionOptions(undefined, {
      onData: (event) => {
        const notification = event.data;
        toast.info(notification.title);
        // What the subscription tells is already known: no refetch needed for the count.
        queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), (previous) => ({
          count: (previous?.count ?? 0) + (notification.readAt ? 0 : 1),
        }));
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
      },
      onError: (error) => {
        // The stream ends when the session does (signed out elsewhere, deactivated).
        if (describeApiError(error).code === "UNAUTHORIZED") {
          window.location.assign("/sign-in?reason=session_ended");
        }
      },
    }),
  );

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
    ]);
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({ onSuccess: invalidate }),
  );
  const markAllRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: invalidate,
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const label = count > 0 ? `Notifications, ${count} unread` : "Notifications";

  return (
    <Popover
      label={label}
      panelLabel="Notifications"
      trigger={
        <>
          <Icon name="bell" />
          {count > 0 ? (
            <span className="bell-count" aria-hidden="true" data-testid="unread-count">
              {count > 99 ? "99+" : count}
            </span>
          ) : null}
        </>
      }
    >
      {(close) => (
        <NotificationPanel
          unread={count}
          markingAll={markAllRead.isPending}
          onMarkAll={() => markAllRead.mutate()}
          onOpen={(id, href, wasRead) => {
            if (!wasRead) markRead.mutate({ ids: [id] });
            close();
            if (href) router.push(href);
          }}
        />
      )}
    </Popover>
  );
}

function NotificationPanel({
  unread,
  markingAll,
  onMarkAll,
  onOpen,
}: {
  unread: number;
  markingAll: boolean;
  onMarkAll: () => void;
  onOpen: (id: string, href: string | null, wasRead: boolean) => void;
}) {
  const trpc = useTRPC();
  const list = useQuery(trpc.notifications.list.queryOptions(BELL_LIST_INPUT));
  return (
    <div style={{ width: "min(22rem, calc(100vw - 1.5rem))" }}>
      <div className="card-header" style={{ padding: "var(--space-3) var(--space-4)" }}>
        <h2 style={{ fontSize: "var(--text-sm)" }}>Notifications</h2>
        <Button
          size="sm"
          variant="ghost"
          disabled={unread === 0}
          loading={markingAll}
          onClick={onMarkAll}
        >
          Mark all read
        </Button>
      </div>
      {list.isPending ? (
        <LoadingState label="Loading notifications" rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="Nothing new">You will be told here when something needs you.</EmptyState>
      ) : (
        <ul className="menu notification-list" aria-label="Latest notifications">
          {list.data.items.map((notification) => (
            <li key={notification.id}>
              <button
                type="button"
                className="menu-item notification-item"
                data-unread={notification.readAt === null}
                onClick={() =>
                  onOpen(
                    notification.id,
                    notificationHref(notification.data),
                    notification.readAt !== null,
                  )
                }
              >
                <span style={{ display: "grid", gap: 2 }}>
                  <strong>
                    {notification.readAt === null ? (
                      <span className="visually-hidden">Unread: </span>
                    ) : null}
                    {notification.title}
                  </strong>
                  {notification.body ? (
                    <span className="small muted">{notification.body}</span>
                  ) : null}
                  <span className="xsmall muted">
                    <Time date={notification.createdAt} />
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
