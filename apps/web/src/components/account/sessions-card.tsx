"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useState } from "react";

import { Badge, Button, Dialog } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";

/** The caller's signed-in devices; any of them can be signed out from here. */
export function SessionsCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const sessions = useQuery(trpc.auth.sessions.list.queryOptions());
  const [confirmAll, setConfirmAll] = useState(false);

  const revoke = useMutation(
    trpc.auth.sessions.revoke.mutationOptions({
      onSuccess: () => {
        toast.success("That device was signed out.");
        return queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const revokeAll = useMutation(
    trpc.auth.logoutAll.mutationOptions({
      // This device's session is ended too: clear its cookie and leave.
      onSuccess: () => signOut({ callbackUrl: "/sign-in?reason=signed_out" }),
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="card-header">
        <div>
          <h2 id="sessions-title">Signed-in devices</h2>
          <p className="small muted">Sign out any device you do not recognise.</p>
        </div>
        <Button size="sm" variant="secondary" onClick={() => setConfirmAll(true)}>
          Sign out everywhere
        </Button>
      </div>
      <div className="card-body flush">
        {sessions.isPending ? (
          <LoadingState label="Loading devices" />
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : sessions.data.length === 0 ? (
          <EmptyState title="No active sessions" />
        ) : (
          <ul className="list" aria-label="Devices">
            {sessions.data.map((session) => (
              <li key={session.id}>
                <div className="list-main">
                  <span className="list-title">
                    {session.deviceLabel}{" "}
                    {session.current ? <Badge tone="accent">This device</Badge> : null}
                  </span>
                  <span className="list-meta">
                    {session.ip ? `${session.ip} · ` : ""}signed in{" "}
                    <Time date={session.createdAt} /> · last active{" "}
                    <Time date={session.lastUsedAt} />
                  </span>
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Sign out ${session.deviceLabel}${session.current ? " (this device)" : ""}`}
                  loading={revoke.isPending && revoke.variables.sessionId === session.id}
                  onClick={() => {
                    if (session.current)
                      void signOut({ callbackUrl: "/sign-in?reason=signed_out" });
                    else revoke.mutate({ sessionId: session.id });
                  }}
                >
                  {session.current ? "Sign out this device" : "Sign out"}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Dialog
        open={confirmAll}
        onClose={() => setConfirmAll(false)}
        title="Sign out of every device?"
        description="Every device, this one included, will need to sign in again."
        footer={
          <>
            <Button onClick={() => setConfirmAll(false)}>Cancel</Button>
            <Button
              variant="danger"
              loading={revokeAll.isPending}
              onClick={() => revokeAll.mutate()}
            >
              Sign out everywhere
            </Button>
          </>
        }
      >
        <p className="small">You will be taken to the sign-in page.</p>
      </Dialog>
    </section>
  );
}
