"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Badge, Button, Dialog, Icon } from "@fastnext/ui";
import { PROJECT_ROLES } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { useViewer } from "../shell/viewer";
import { Pager, useCursorPager } from "../ui/pager";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";
import { InviteMemberDialog } from "./invite-member-dialog";
import { mayAct, ROLE_LABEL, ROLE_TONE } from "./labels";
import { PendingInvitations } from "./pending-invitations";
import { memberListInput } from "./project-list-input";

type Member = RouterOutputs["projects"]["members"]["list"]["items"][number];

export function MembersPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const viewer = useViewer();
  const pager = useCursorPager();
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);

  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  const members = useQuery(
    trpc.projects.members.list.queryOptions(memberListInput(projectId, pager.cursor)),
  );
  const isOwner = mayAct(project.data?.myRole ?? null, "owner", viewer.permissions);
  const canSearchPeople = viewer.permissions.includes("user.read");

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: trpc.projects.members.list.queryKey({ projectId }),
      }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: projectId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    ]);

  const updateRole = useMutation(
    trpc.projects.members.updateRole.mutationOptions({
      onSuccess: (member) => {
        toast.success(
          `${member.name ?? "The member"} is now ${ROLE_LABEL[member.role].toLowerCase()}.`,
        );
        return invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.projects.members.remove.mutationOptions({
      onSuccess: async (_result, input) => {
        setRemoving(null);
        if (input.userId === viewer.user.id) {
          toast.success("You left the project.");
          await queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() });
          router.push("/projects");
          return;
        }
        toast.success("Member removed.");
        await invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const memberIds = new Set((members.data?.items ?? []).map((member) => member.userId));

  return (
    <section className="card" aria-labelledby="members-title">
      <div className="card-header">
        <div>
          <h2 id="members-title">Members</h2>
          <p className="small muted">Who can see and work on this project, and with which role.</p>
        </div>
        {isOwner ? (
          <Button variant="primary" size="sm" onClick={() => setInviting(true)}>
            <Icon name="plus" /> Invite member
          </Button>
        ) : null}
      </div>
      {members.isPending ? (
        <LoadingState label="Loading members" />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.items.length === 0 ? (
        <EmptyState title="No members" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col" className="hide-phone">
                  Added
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((member) => {
                const name = member.name ?? "A user you cannot see";
                const self = member.userId === viewer.user.id;
                return (
                  <tr key={member.userId}>
                    <td>
                      {name} {self ? <Badge>You</Badge> : null}
                    </td>
                    <td>
                      {isOwner ? (
                        <select
                          className="select"
                          style={{ maxWidth: "9rem" }}
                          aria-label={`Role of ${name}`}
                          value={member.role}
                          disabled={updateRole.isPending}
                          onChange={(event) => {
                            const role = PROJECT_ROLES.find((r) => r === event.target.value);
                            if (role) updateRole.mutate({ projectId, userId: member.userId, role });
                          }}
                        >
                          {PROJECT_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABEL[role]}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Badge tone={ROLE_TONE[member.role]}>{ROLE_LABEL[member.role]}</Badge>
                      )}
                    </td>
                    <td className="hide-phone">
                      <Time date={member.addedAt} />
                    </td>
                    <td className="actions">
                      {isOwner || self ? (
                        <Button size="sm" variant="ghost" onClick={() => setRemoving(member)}>
                          {self ? "Leave" : "Remove"}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager pager={pager} nextCursor={members.data?.nextCursor} busy={members.isFetching} />
      {isOwner ? <PendingInvitations projectId={projectId} /> : null}
      <InviteMemberDialog
        projectId={projectId}
        memberIds={memberIds}
        canSearchPeople={canSearchPeople}
        open={inviting}
        onClose={() => setInviting(false)}
      />
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing?.userId === viewer.user.id ? "Leave this project?" : "Remove this member?"}
        description={
          removing?.userId === viewer.user.id
            ? "You will lose access unless the project is internal."
            : `${removing?.name ?? "They"} will lose access to the project.`
        }
        footer={
          <>
            <Button onClick={() => setRemoving(null)}>Cancel</Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate({ projectId, userId: removing.userId })}
            >
              {removing?.userId === viewer.user.id ? "Leave project" : "Remove member"}
            </Button>
          </>
        }
      >
        <p className="small">Work items they created stay in the project.</p>
      </Dialog>
    </section>
  );
}
