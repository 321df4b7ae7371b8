"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Badge, Button, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { mayAct } from "../projects/labels";
import { memberListInput } from "../projects/project-list-input";
import { useViewer } from "../shell/viewer";
import { PageHeader } from "../ui/page-header";
import { ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";
import { AttachmentsPanel } from "./attachments-panel";
import { formatDataValue } from "./data-fields";
import { InstanceTimeline } from "./instance-timeline";
import { StateBadge, stateInfo } from "./state-label";
import { TransitionDialog } from "./transition-dialog";

type Transition =
  RouterOutputs["workflows"]["instances"]["availableTransitions"]["transitions"][number];

export function InstanceDetail({
  projectId,
  instanceId,
}: {
  projectId: string;
  instanceId: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const viewer = useViewer();
  const [firing, setFiring] = useState<Transition | null>(null);
  const actions = useRef<HTMLElement>(null);
  const focusNextSteps = useRef(false);

  // After a step the button that opened its dialog is replaced by the next state's: focus goes
  // to "Next steps" (after the dialog has handed focus back), so Tab continues from there.
  useEffect(() => {
    if (firing || !focusNextSteps.current) return;
    focusNextSteps.current = false;
    actions.current?.focus();
  }, [firing]);

  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  const instance = useQuery(trpc.workflows.instances.get.queryOptions({ instanceId }));
  const template = useQuery({
    ...trpc.workflows.templates.get.queryOptions({ id: instance.data?.templateId ?? "" }),
    enabled: instance.data !== undefined,
  });
  const available = useQuery(
    trpc.workflows.instances.availableTransitions.queryOptions({ instanceId }),
  );
  const members = useQuery(trpc.projects.members.list.queryOptions(memberListInput(projectId)));
  const names = new Map((members.data?.items ?? []).map((member) => [member.userId, member.name]));
  const nameOf = (userId: string | null) =>
    userId === null
      ? "The system"
      : userId === viewer.user.id
        ? "You"
        : (names.get(userId) ?? "Someone");

  /** Everything a move or an assignment changes, read again. */
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: trpc.workflows.instances.get.queryKey({ instanceId }),
      }),
      queryClient.invalidateQueries({
        queryKey: trpc.workflows.instances.availableTransitions.queryKey({ instanceId }),
      }),
      queryClient.invalidateQueries({
        queryKey: trpc.workflows.instances.timeline.queryKey({ instanceId }),
      }),
      queryClient.invalidateQueries({ queryKey: trpc.workflows.instances.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: projectId }) }),
    ]);

  const assign = useMutation(
    trpc.workflows.instances.assign.mutationOptions({
      onSuccess: (updated) => {
        toast.success(
          updated.assigneeId ? `Assigned to ${nameOf(updated.assigneeId)}.` : "Unassigned.",
        );
        return refresh();
      },
      onError: (error) => {
        toast.error(errorMessage(error));
        return refresh();
      },
    }),
  );

  if (instance.isPending) return <LoadingState label="Loading the item" rows={5} />;
  if (instance.isError)
    return <ErrorState error={instance.error} onRetry={() => void instance.refetch()} />;

  const item = instance.data;
  const definition = template.data?.definition;
  const stateName = (key: string) => stateInfo(definition, key).name;
  const canEdit = project.data ? mayAct(project.data.myRole, "editor", viewer.permissions) : false;
  // Any member comments, viewers included (and project.manage_all), as the API decides.
  const canComment = project.data
    ? mayAct(project.data.myRole, "viewer", viewer.permissions)
    : false;
  const mentionable = (members.data?.items ?? []).flatMap((member) =>
    member.name ? [{ userId: member.userId, name: member.name }] : [],
  );
  const transitions = available.data?.transitions ?? [];
  // The transitions were computed for a version; an older answer is not offered.
  const current = available.data?.version === item.version;

  return (
    <>
      <PageHeader
        crumbs={[
          { label: "Projects", href: "/projects" },
          { label: project.data?.name ?? "Project", href: `/projects/${projectId}` },
          {
            label: "Board",
            href: `/projects/${projectId}?template=${encodeURIComponent(item.template.key)}`,
          },
          { label: item.title },
        ]}
        title={item.title}
        description={`${item.template.name} · version ${item.template.version}`}
        actions={
          <>
            <StateBadge definition={definition} state={item.state} testId="instance-state" />
            {item.completedAt ? <Badge tone="success">Completed</Badge> : null}
          </>
        }
      />
      <div className="instance-layout">
        <div className="stack">
          <section ref={actions} tabIndex={-1} className="card" aria-labelledby="actions-title">
            <div className="card-header">
              <h2 id="actions-title">Next steps</h2>
            </div>
            <div className="card-body stack-sm">
              {available.isPending ? (
                <LoadingState label="Loading the next steps" rows={1} />
              ) : available.isError ? (
                <ErrorState error={available.error} onRetry={() => void available.refetch()} />
              ) : item.completedAt ? (
                <p className="small muted">This item is finished: it has reached a final state.</p>
              ) : transitions.length === 0 ? (
                <p className="small muted">
                  {canEdit
                    ? "None of this state's steps is yours to take."
                    : "You can follow this item, but not move it."}
                </p>
              ) : (
                <div className="cluster" role="group" aria-label="Transitions">
                  {transitions.map((transition) => (
                    <Button
                      key={transition.key}
                      variant="primary"
                      disabled={Boolean(transition.blockedBy) || !current}
                      title={
                        transition.blockedBy ? `Needs ${transition.blockedBy.guard}` : undefined
                      }
                      onClick={() => setFiring(transition)}
                      aria-label={`${transition.name}, to ${stateName(transition.to)}`}
                    >
                      {transition.name}
                      {/* Where it leads, so nobody has to know the diagram by heart. */}
                      <span className="transition-target">
                        <Icon name="arrowRight" />
                        {stateName(transition.to)}
                      </span>
                    </Button>
                  ))}
                </div>
              )}
              {transitions.some((transition) => transition.blockedBy) ? (
                <ul className="small muted" style={{ margin: 0, paddingLeft: "1.25rem" }}>
                  {transitions
                    .filter((transition) => transition.blockedBy)
                    .map((transition) => (
                      <li key={transition.key}>
                        “{transition.name}” needs <code>{transition.blockedBy?.guard}</code>
                      </li>
                    ))}
                </ul>
              ) : null}
            </div>
          </section>

          <InstanceTimeline
            instanceId={instanceId}
            viewerId={viewer.user.id}
            canComment={canComment}
            members={mentionable}
            nameOf={nameOf}
            stateName={stateName}
            onChange={() =>
              queryClient.invalidateQueries({
                queryKey: trpc.workflows.instances.timeline.queryKey({ instanceId }),
              })
            }
          />
        </div>

        <div className="stack">
          <section className="card" aria-labelledby="details-title">
            <div className="card-header">
              <h2 id="details-title">Details</h2>
            </div>
            <div className="card-body">
              <dl className="dl dl-stack">
                {(definition?.dataFields ?? []).map((field) => (
                  <div key={field.key} style={{ display: "contents" }}>
                    <dt>{field.label}</dt>
                    <dd>{formatDataValue(field, item.data[field.key])}</dd>
                  </div>
                ))}
                <dt>Assignee</dt>
                <dd>
                  {canEdit && !item.completedAt ? (
                    <select
                      className="select"
                      aria-label="Assignee"
                      value={item.assigneeId ?? ""}
                      disabled={assign.isPending}
                      onChange={(event) =>
                        assign.mutate({
                          instanceId,
                          assigneeId: event.target.value || null,
                          expectedVersion: item.version,
                        })
                      }
                    >
                      <option value="">Nobody</option>
                      {(members.data?.items ?? []).map((member) => (
                        <option key={member.userId} value={member.userId}>
                          {member.name ?? "A member"}
                        </option>
                      ))}
                    </select>
                  ) : item.assigneeId ? (
                    nameOf(item.assigneeId)
                  ) : (
                    "Nobody"
                  )}
                </dd>
                <dt>Created</dt>
                <dd>
                  <Time date={item.createdAt} mode="absolute" /> by {nameOf(item.createdById)}
                </dd>
                <dt>In this state since</dt>
                <dd>
                  <Time date={item.stateEnteredAt} />
                </dd>
                {item.completedAt ? (
                  <>
                    <dt>Completed</dt>
                    <dd>
                      <Time date={item.completedAt} mode="absolute" />
                    </dd>
                  </>
                ) : null}
              </dl>
            </div>
          </section>
          <AttachmentsPanel
            instanceId={instanceId}
            canUpload={canEdit}
            isOwner={
              project.data ? mayAct(project.data.myRole, "owner", viewer.permissions) : false
            }
            nameOf={nameOf}
          />
          {!canEdit ? <Alert tone="info">You have read-only access to this project.</Alert> : null}
        </div>
      </div>
      {firing ? (
        <TransitionDialog
          instanceId={instanceId}
          expectedVersion={item.version}
          transition={firing}
          toName={stateName(firing.to)}
          stateName={stateName}
          onClose={() => setFiring(null)}
          onDone={(result) => {
            focusNextSteps.current = true;
            setFiring(null);
            toast.success(`Moved to “${stateName(result.toState)}”.`);
            void refresh();
          }}
          onReload={() => {
            setFiring(null);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}
