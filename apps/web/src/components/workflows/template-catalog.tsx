"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { Badge, Button, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { PageHeader } from "../ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { CreateTemplateDialog, CreateTypeDialog } from "./catalog-dialogs";
import { ALL_TEMPLATES_INPUT, TYPES_INPUT } from "./catalog-inputs";

const STATUS_TONE = { draft: "warning", published: "success", archived: "neutral" } as const;

/** Workflow types with their templates' versions, newest first. */
export function TemplateCatalog() {
  const trpc = useTRPC();
  const types = useQuery(trpc.workflows.types.list.queryOptions(TYPES_INPUT));
  const templates = useQuery(trpc.workflows.templates.list.queryOptions(ALL_TEMPLATES_INPUT));
  const [creatingType, setCreatingType] = useState(false);
  const [creatingTemplate, setCreatingTemplate] = useState(false);

  const header = (
    <PageHeader
      title="Workflow templates"
      description="The states and steps items move through. Publish an installation-wide version to offer it to every project; project owners define their own in project settings."
      actions={
        <>
          <Button onClick={() => setCreatingType(true)}>New type</Button>
          <Button
            variant="primary"
            onClick={() => setCreatingTemplate(true)}
            disabled={(types.data?.items.length ?? 0) === 0}
            title={
              (types.data?.items.length ?? 0) === 0 ? "Create a workflow type first" : undefined
            }
          >
            <Icon name="plus" /> New template
          </Button>
        </>
      }
    />
  );

  let body;
  if (types.isPending || templates.isPending)
    body = <LoadingState label="Loading templates" rows={5} />;
  else if (types.isError)
    body = <ErrorState error={types.error} onRetry={() => void types.refetch()} />;
  else if (templates.isError)
    body = <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  else if (types.data.items.length === 0)
    body = (
      <section className="card">
        <EmptyState
          title="No workflow types yet"
          action={
            <Button variant="primary" onClick={() => setCreatingType(true)}>
              Create a workflow type
            </Button>
          }
        >
          A type names a kind of record (“Purchase request”); its templates define how it moves.
        </EmptyState>
      </section>
    );
  else
    body = (
      <div className="stack">
        {types.data.items.map((type) => {
          const versions = templates.data.items.filter((template) => template.typeId === type.id);
          return (
            <section key={type.id} className="card" aria-labelledby={`type-${type.id}`}>
              <div className="card-header">
                <div>
                  <h2 id={`type-${type.id}`}>{type.name}</h2>
                  <p className="small muted">
                    {type.description || <span className="mono">{type.key}</span>}
                  </p>
                </div>
              </div>
              {versions.length === 0 ? (
                <EmptyState title="No templates for this type yet" />
              ) : (
                <ul className="list">
                  {versions.map((template) => (
                    <li key={template.id}>
                      <div className="list-main">
                        <Link className="list-title" href={`/workflows/templates/${template.id}`}>
                          {template.name} <span className="muted">v{template.version}</span>
                        </Link>
                        <span className="list-meta">
                          <span className="mono">{template.key}</span> ·{" "}
                          {template.projectId === null
                            ? "installation-wide"
                            : "a project's own template"}{" "}
                          · updated <Time date={template.updatedAt} />
                        </span>
                      </div>
                      <Badge tone={STATUS_TONE[template.status]}>{template.status}</Badge>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    );

  return (
    <>
      {header}
      {body}
      {creatingType ? <CreateTypeDialog open onClose={() => setCreatingType(false)} /> : null}
      {creatingTemplate && types.data ? (
        <CreateTemplateDialog
          types={types.data.items}
          open={creatingTemplate}
          onClose={() => setCreatingTemplate(false)}
        />
      ) : null}
    </>
  );
}
