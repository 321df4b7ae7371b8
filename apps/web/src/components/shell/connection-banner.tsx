"use client";

import {
  onlineManager,
  useIsFetching,
  useIsMutating,
  useMutationState,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";

import { Button } from "@fastnext/ui";

/** After this long, a call still under way is worth telling the user about. */
const SLOW_AFTER_MS = 8_000;

function useOnline(): boolean {
  // The query client learns of the connection from "online"/"offline"
  // events, heard only once something subscribes: a page that went offline
  // before it hydrated would be taken for online (and its changes sent,
  // to fail, rather than held). The browser's own flag settles it at start.
  useEffect(() => {
    if (!navigator.onLine) onlineManager.setOnline(false);
  }, []);
  return useSyncExternalStore(
    (notify) => onlineManager.subscribe(notify),
    () => onlineManager.isOnline(),
    () => true,
  );
}

/** True once `busy` has stayed true for `afterMs`; false again as soon as it is not. */
function useStillBusy(busy: boolean, afterMs: number): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!busy) {
      setSlow(false);
      return;
    }
    const timer = window.setTimeout(() => setSlow(true), afterMs);
    return () => window.clearTimeout(timer);
  }, [busy, afterMs]);
  return slow;
}

/**
 * Says what a spinner cannot: that the browser is offline and which changes
 * are waiting (TanStack Query pauses a mutation made offline and sends it
 * once the connection is back, so it is neither lost nor sent twice), or
 * that the server is slow to answer, with a way to try again.
 */
export function ConnectionBanner() {
  const queryClient = useQueryClient();
  const online = useOnline();
  const waiting = useMutationState({
    filters: { predicate: (mutation) => mutation.state.isPaused },
    select: (mutation) => mutation.mutationId,
  }).length;
  const busy = useIsFetching() + useIsMutating() > 0;
  const slow = useStillBusy(online && busy, SLOW_AFTER_MS);

  const retry = () => {
    void queryClient.resumePausedMutations();
    void queryClient.refetchQueries({
      type: "active",
      predicate: (q) => q.state.status === "error",
    });
  };

  if (!online) {
    return (
      <div className="connection-banner" role="status" data-state="offline">
        <strong>You are offline.</strong>{" "}
        {waiting > 0
          ? `${waiting === 1 ? "1 change is" : `${waiting} changes are`} waiting and will be sent when the connection is back.`
          : "Changes you make will be sent when the connection is back."}
      </div>
    );
  }
  if (slow || waiting > 0) {
    return (
      <div className="connection-banner" role="status" data-state="slow">
        <span>
          {waiting > 0
            ? `${waiting === 1 ? "1 change has" : `${waiting} changes have`} not been sent yet.`
            : "The server is taking longer than usual to answer."}
        </span>
        <Button variant="secondary" size="sm" onClick={retry}>
          Try again
        </Button>
      </div>
    );
  }
  return null;
}
