"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { Badge, Button } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { Pager, useCursorPager } from "../ui/pager";
import { ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";
import { ROLE_LABEL, ROLE_TONE } from "./labels";

/** The project's pending invitations, for its owners: who was invited, as what, until when; revoke. */
export function PendingInvitations({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const pager = useCursorPager();
  const invitations = useQuery(
    trpc.projects.invitations.list.queryOptions({ projectId, limit: 25, cursor: pager.cursor }),
  );
  const revoke = useMutation(
    trpc.projects.invitations.revoke.mutationOptions({
      onSuccess: () => {
        toast.success("Invitation revoked.");
        return queryClient.invalidateQueries({
          queryKey: trpc.projects.invitations.list.queryKey({ projectId }),
        });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  if (invitations.isPending) return <LoadingState label="Loading invitations" rows={1} />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  if (invitations.data.items.length === 0 && !pager.cursor) return null;
  const now = Date.now();

  return (
    <section aria-labelledby="invitations-title" className="stack-sm">
      <h3 id="invitations-title">Pending invitations</h3>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col" className="hide-phone">
                Expires
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.items.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>
                  <Badge tone={ROLE_TONE[invitation.role]}>{ROLE_LABEL[invitation.role]}</Badge>
                </td>
                <td className="hide-phone">
                  {invitation.expiresAt.getTime() <= now ? (
                    <Badge tone="warning">Expired</Badge>
                  ) : (
                    <Time date={invitation.expiresAt} />
                  )}
                </td>
                <td className="actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    loading={revoke.isPending && revoke.variables.invitationId === invitation.id}
                    onClick={() => revoke.mutate({ projectId, invitationId: invitation.id })}
                    aria-label={`Revoke the invitation of ${invitation.email}`}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager pager={pager} nextCursor={invitations.data.nextCursor} busy={invitations.isFetching} />
    </section>
  );
}
