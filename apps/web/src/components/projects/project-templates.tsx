"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Badge, Button, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { projectTemplatesInput } from "../workflows/board-input";
import { CreateTemplateDialog } from "../workflows/catalog-dialogs";
import { TYPES_INPUT } from "../workflows/catalog-inputs";
import { Checkbox } from "../ui/field";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { useToast } from "../ui/toast";

type Project = RouterOutputs["projects"]["get"];
type ProjectTemplate = RouterOutputs["projects"]["templates"]["list"]["items"][number];

const STATUS_TONE = { draft: "warning", published: "success", archived: "neutral" } as const;

function publishedText(template: ProjectTemplate): string {
  return template.published
    ? `published v${template.published.version}`
    : "no published version yet";
}

/**
 * The project's workflow templates, for its owners: its own (defined here,
 * used here only) and the installation's, each of which they may turn off
 * for this project. New items start only on what is on and published.
 */
export function ProjectTemplates({ project }: { project: Project }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  // What the owner just asked for, shown at once while the API confirms it.
  const [requested, setRequested] = useState<Record<string, boolean>>({});
  const input = projectTemplatesInput(project.id);
  const templates = useQuery(trpc.projects.templates.list.queryOptions(input));
  const types = useQuery(trpc.workflows.types.list.queryOptions(TYPES_INPUT));
  const settle = async (templateKey: string) => {
    await queryClient.invalidateQueries({
      queryKey: trpc.projects.templates.list.queryKey(input),
    });
    setRequested(({ [templateKey]: _settled, ...rest }) => rest);
  };
  const callbacks = {
    onError: (error: unknown) => toast.error(errorMessage(error)),
    onSettled: (_data: unknown, _error: unknown, variables: { templateKey: string }) =>
      settle(variables.templateKey),
  };
  const enable = useMutation(trpc.projects.templates.enable.mutationOptions(callbacks));
  const disable = useMutation(trpc.projects.templates.disable.mutationOptions(callbacks));
  const noTypes = (types.data?.items.length ?? 0) === 0;

  let body;
  if (templates.isPending) body = <LoadingState label="Loading the templates" rows={3} />;
  else if (templates.isError)
    body = <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  else {
    const own = templates.data.items.filter((template) => template.scope === "project");
    const shared = templates.data.items.filter((template) => template.scope === "installation");
    body = (
      <>
        <div className="card-body stack-sm">
          <h3 id="own-templates-title">This project&rsquo;s templates</h3>
          {own.length === 0 ? (
            <EmptyState title="None yet">
              Define a workflow of your own: it is used in this project only.
            </EmptyState>
          ) : null}
        </div>
        {own.length > 0 ? (
          <ul className="list" aria-labelledby="own-templates-title">
            {own.map((template) => (
              <li key={template.key}>
                <div className="list-main">
                  <Link className="list-title" href={`/workflows/templates/${template.latest.id}`}>
                    {template.name} <span className="muted">v{template.latest.version}</span>
                  </Link>
                  <span className="list-meta">
                    <span className="mono">{template.key}</span> · {publishedText(template)}
                  </span>
                </div>
                <Badge tone={STATUS_TONE[template.latest.status]}>{template.latest.status}</Badge>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="card-body stack-sm">
          <h3 id="shared-templates-title">Installation templates</h3>
          <p className="small muted">
            Every project may use these. Turn one off to leave it out of this project&rsquo;s board
            and new items; items already started keep running.
          </p>
          {shared.length === 0 ? <EmptyState title="The installation has none yet" /> : null}
        </div>
        {shared.length > 0 ? (
          <ul className="list" aria-labelledby="shared-templates-title">
            {shared.map((template) => (
              <li key={template.key}>
                <div className="list-main">
                  <Checkbox
                    label={`Use ${template.name}`}
                    hint={`${template.key} · ${publishedText(template)}`}
                    checked={requested[template.key] ?? template.enabled}
                    disabled={template.key in requested}
                    onChange={(event) => {
                      const on = event.target.checked;
                      setRequested((current) => ({ ...current, [template.key]: on }));
                      const variables = { projectId: project.id, templateKey: template.key };
                      if (on) enable.mutate(variables);
                      else disable.mutate(variables);
                    }}
                  />
                </div>
                <Badge tone={template.enabled ? "success" : "neutral"}>
                  {template.enabled ? "on" : "off"}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  }

  return (
    <section className="card" id="templates" aria-labelledby="templates-title">
      <div className="card-header">
        <h2 id="templates-title">Workflow templates</h2>
        <Button
          variant="primary"
          size="sm"
          onClick={() => setCreating(true)}
          disabled={noTypes}
          title={noTypes ? "The installation has no workflow type yet" : undefined}
        >
          <Icon name="plus" /> New project template
        </Button>
      </div>
      {body}
      {creating && types.data ? (
        <CreateTemplateDialog
          types={types.data.items}
          project={{ id: project.id, name: project.name }}
          open={creating}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </section>
  );
}
