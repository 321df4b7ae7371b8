"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Badge, Button } from "@fastnext/ui";
import { flattenIssues } from "@fastnext/validators";
import {
  validateDefinition,
  ZWorkflowDefinitionSchema,
  type Problem,
  type WorkflowDefinition,
} from "@fastnext/workflow";

import { useTRPC } from "~/trpc/client";
import { describeApiError, errorMessage, type FieldErrors } from "~/trpc/errors";

import { TextField } from "../../ui/field";
import { PageHeader } from "../../ui/page-header";
import { ErrorState, LoadingState } from "../../ui/states";
import { useToast } from "../../ui/toast";
import { type DiagramSelection } from "./diagram-editor";
import { editorErrors, isPlaced, normalizeEditorErrors } from "./errors";
import { FieldsSection } from "./fields-section";
import { StatesSection } from "./states-section";
import { TransitionsSection } from "./transitions-section";

// The graph library is for this page only: loaded in the browser, beside the form.
const DiagramEditor = dynamic(() => import("./diagram-editor").then((m) => m.DiagramEditor), {
  ssr: false,
  loading: () => <LoadingState label="Loading the diagram" rows={3} />,
});

/** Brings the form's row of a diagram selection into view and into focus. */
function editInForm(selection: DiagramSelection) {
  const path =
    selection.kind === "state"
      ? `definition.states.${selection.index}`
      : `definition.transitions.${selection.index}`;
  const row = document.querySelector<HTMLElement>(`[data-path="${path}"]`);
  row?.scrollIntoView({ block: "center" });
  row?.querySelector<HTMLElement>("input, select, textarea")?.focus({ preventScroll: true });
}

type Template = RouterOutputs["workflows"]["templates"]["get"];

/** The shape the API accepts for a draft; cross-part rules are checked on publish. */
const ZDraftSchema = z.object({
  name: z.string().trim().min(1, "Required").max(120),
  definition: ZWorkflowDefinitionSchema,
});

const STATUS_TONE = { draft: "warning", published: "success", archived: "neutral" } as const;

export function TemplateEditor({ templateId }: { templateId: string }) {
  const trpc = useTRPC();
  const template = useQuery(trpc.workflows.templates.get.queryOptions({ id: templateId }));
  if (template.isPending) return <LoadingState label="Loading the template" rows={6} />;
  if (template.isError)
    return <ErrorState error={template.error} onRetry={() => void template.refetch()} />;
  // A new form per version (saving a published one moves to the new draft's page).
  return <EditorForm key={template.data.id} template={template.data} />;
}

function EditorForm({ template }: { template: Template }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(template.name);
  const [definition, setDefinition] = useState<WorkflowDefinition>(template.definition);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const project = useQuery({
    ...trpc.projects.get.queryOptions({ id: template.projectId ?? "" }),
    enabled: template.projectId !== null,
  });

  const dirty =
    name !== template.name || JSON.stringify(definition) !== JSON.stringify(template.definition);
  const errors = editorErrors(fieldErrors);
  const unplaced = errors.unplaced(isPlaced);

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.workflows.templates.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.workflows.templates.get.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.templates.list.queryKey() }),
    ]);
  const update = useMutation(
    trpc.workflows.templates.update.mutationOptions({ onSuccess: invalidate }),
  );
  const publish = useMutation(
    trpc.workflows.templates.publish.mutationOptions({ onSuccess: invalidate }),
  );
  const archive = useMutation(
    trpc.workflows.templates.archive.mutationOptions({
      onSuccess: () => {
        toast.success("Version archived: no new item starts on it.");
        return invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  function showRefusal(error: unknown) {
    const info = describeApiError(error);
    const normalized = normalizeEditorErrors(info.fieldErrors);
    setFieldErrors(normalized);
    const count = Object.values(normalized).reduce((total, messages) => total + messages.length, 0);
    setFormError(
      count > 0
        ? `${info.reason === "invalid_definition" ? "Not published" : "Not saved"}: ${count} ${count === 1 ? "problem needs" : "problems need"} fixing, marked below.`
        : errorMessage(error),
    );
    focusFirstProblem();
  }

  function focusFirstProblem() {
    window.requestAnimationFrame(() => {
      document
        .querySelector<HTMLElement>('[aria-invalid="true"], .editor-row[data-invalid="true"] input')
        ?.focus();
    });
  }

  /**
   * Saves the draft; returns the id of the saved version. Saving a
   * published or archived version makes a new draft version, whose page
   * this moves to. Publishing saves first as its own step (`inPublish`):
   * it then neither moves nor confirms, so the one confirmation is the
   * publish's.
   */
  async function save(inPublish = false): Promise<string | null> {
    const parsed = ZDraftSchema.safeParse({ name, definition });
    if (!parsed.success) {
      setFieldErrors(flattenIssues(parsed.error).fieldErrors);
      setFormError("Not saved: some fields need fixing, marked below.");
      focusFirstProblem();
      return null;
    }
    try {
      const saved = await update.mutateAsync({ id: template.id, data: parsed.data });
      setFieldErrors({});
      setFormError(null);
      if (inPublish) return saved.id;
      if (saved.id !== template.id) {
        toast.success(`Saved as a new draft, version ${saved.version}.`);
        router.replace(`/workflows/templates/${saved.id}`);
      } else {
        toast.success("Draft saved.");
      }
      return saved.id;
    } catch (error) {
      showRefusal(error);
      return null;
    }
  }

  async function saveAndPublish() {
    const newVersion = template.status !== "draft";
    if (newVersion) {
      // This page moves to the new draft afterwards, where a refusal shown
      // here would be lost: check with the API's own validator first. (A
      // draft is published as is and the API's field errors are shown.)
      const result = validateDefinition(definition);
      if (!result.ok) {
        showProblems(result.problems);
        return;
      }
    }
    const id = dirty || newVersion ? await save(true) : template.id;
    if (!id) return;
    try {
      const result = await publish.mutateAsync({ id });
      setFieldErrors({});
      setFormError(null);
      toast.success(`Version ${result.version} published: new items start on it.`);
    } catch (error) {
      showRefusal(error);
    }
    if (id !== template.id) router.replace(`/workflows/templates/${id}`);
  }

  function showProblems(problems: readonly Problem[]) {
    const next: FieldErrors = {};
    for (const problem of problems) {
      (next[["definition", ...problem.path.map(String)].join(".")] ??= []).push(problem.message);
    }
    setFieldErrors(next);
    setFormError(
      `Not published: ${problems.length} ${problems.length === 1 ? "problem needs" : "problems need"} fixing, marked below.`,
    );
    focusFirstProblem();
  }

  const change = (next: WorkflowDefinition, structural = false) => {
    setDefinition(next);
    // Row positions moved: errors reported for the old positions would point at the wrong rows.
    if (structural) setFieldErrors({});
  };

  const busy = update.isPending || publish.isPending;
  // Said once there is something to save: right after publishing, the
  // toast is the one confirmation and the badge shows the status.
  const readOnlyNote = !dirty
    ? null
    : template.status === "published"
      ? "This version is published and in use. Saving changes creates the next version as a draft; items already started keep this one."
      : template.status === "archived"
        ? "This version is archived. Saving changes creates the next version as a draft."
        : null;

  return (
    <>
      <PageHeader
        crumbs={
          project.data
            ? [
                { label: project.data.name, href: `/projects/${project.data.id}` },
                {
                  label: "Workflow templates",
                  href: `/projects/${project.data.id}/settings#templates`,
                },
                { label: template.name },
              ]
            : [{ label: "Workflow templates", href: "/workflows" }, { label: template.name }]
        }
        title={
          <>
            {template.name} <span className="muted">v{template.version}</span>
          </>
        }
        description={
          <>
            <span className="mono">{template.key}</span> ·{" "}
            <span data-testid="template-scope">
              {template.projectId === null
                ? "Installation-wide: every project may use it"
                : `Template of ${project.data?.name ?? "a project"}: used there only`}
            </span>
          </>
        }
        actions={
          <>
            <Badge tone={STATUS_TONE[template.status]}>{template.status}</Badge>
            {template.status !== "archived" ? (
              <Button
                size="sm"
                variant="ghost"
                loading={archive.isPending}
                onClick={() => archive.mutate({ id: template.id })}
              >
                Archive version
              </Button>
            ) : null}
            <Button
              onClick={() => void save()}
              loading={update.isPending && !publish.isPending}
              disabled={busy || !dirty}
            >
              Save draft
            </Button>
            <Button
              variant="primary"
              onClick={() => void saveAndPublish()}
              loading={publish.isPending}
              disabled={busy}
            >
              {dirty || template.status !== "draft" ? "Save and publish" : "Publish"}
            </Button>
          </>
        }
      />
      <div className="editor-layout">
        {readOnlyNote ? <Alert tone="info">{readOnlyNote}</Alert> : null}
        {formError ? (
          <Alert tone="error" title={formError}>
            {unplaced.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                {unplaced.map(([path, message]) => (
                  <li key={`${path}-${message}`}>
                    <code>{path}</code>: {message}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        <section className="card" aria-labelledby="diagram-heading">
          <div className="card-header">
            <h2 id="diagram-heading">Diagram</h2>
            <span className="small muted">Updates as you edit</span>
          </div>
          <div className="card-body">
            <DiagramEditor
              definition={definition}
              onChange={change}
              errors={errors}
              onEdit={editInForm}
            />
          </div>
        </section>
        <section className="card" aria-label="Template">
          <div className="card-body">
            <TextField
              label="Template name"
              value={name}
              maxLength={120}
              error={errors.at("name")}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
        </section>
        <StatesSection definition={definition} onChange={change} errors={errors} />
        <TransitionsSection definition={definition} onChange={change} errors={errors} />
        <FieldsSection definition={definition} onChange={change} errors={errors} />
      </div>
    </>
  );
}
