"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { NOTIFICATION_KINDS, type NotificationKind } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { Checkbox } from "../ui/field";
import { ErrorState, LoadingState } from "../ui/states";
import { useToast } from "../ui/toast";

const KIND_LABEL: Record<NotificationKind, string> = {
  "workflow.transitioned": "An item I follow moves to another state",
  "workflow.assigned": "An item is assigned to me",
  "workflow.mentioned": "Someone mentions me in a comment",
  "project.member_added": "I am added to a project",
  "user.invited": "Invitations",
};

/** Which notifications arrive in the app and by e-mail; each change is saved at once. */
export function PreferencesCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery(trpc.users.settings.get.queryOptions());
  const update = useMutation(
    trpc.users.settings.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.users.settings.get.queryKey(), saved);
        toast.success("Preferences saved.");
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <section className="card" aria-labelledby="preferences-title">
      <div className="card-header">
        <h2 id="preferences-title">Notifications</h2>
      </div>
      {settings.isPending ? (
        <LoadingState label="Loading preferences" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">In the app</th>
                <th scope="col">By e-mail</th>
              </tr>
            </thead>
            <tbody>
              {NOTIFICATION_KINDS.map((kind) => {
                const channels = settings.data.notifications[kind];
                return (
                  <tr key={kind}>
                    <td>{KIND_LABEL[kind]}</td>
                    {(["inApp", "email"] as const).map((channel) => (
                      <td key={channel}>
                        <Checkbox
                          label={
                            <span className="visually-hidden">{`${KIND_LABEL[kind]}: ${channel === "inApp" ? "in the app" : "by e-mail"}`}</span>
                          }
                          checked={channels[channel]}
                          disabled={update.isPending}
                          onChange={(event) =>
                            update.mutate({
                              notifications: { [kind]: { [channel]: event.target.checked } },
                            })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
