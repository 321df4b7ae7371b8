"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Button, Dialog } from "@fastnext/ui";
import { PROJECT_VISIBILITIES, ZProjectUpdateInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { useZodForm } from "../form/use-zod-form";
import { Checkbox, SelectField, TextareaField, TextField } from "../ui/field";
import { ErrorState, LoadingState } from "../ui/states";
import { useToast } from "../ui/toast";
import { VISIBILITY_DESCRIPTION, VISIBILITY_LABEL } from "./labels";
import { ProjectTemplates } from "./project-templates";

type Project = RouterOutputs["projects"]["get"];

export function ProjectSettings({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  if (project.isPending) return <LoadingState label="Loading the project" />;
  if (project.isError)
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  return (
    <div className="stack">
      {/* Keyed by the saved version: the form starts again from what was saved. */}
      <DetailsForm key={project.data.updatedAt.toISOString()} project={project.data} />
      <ProjectTemplates project={project.data} />
      <DangerZone project={project.data} />
    </div>
  );
}

function useProjectInvalidation(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: projectId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    ]);
}

function DetailsForm({ project }: { project: Project }) {
  const trpc = useTRPC();
  const toast = useToast();
  const { form, errors, submit } = useZodForm(ZProjectUpdateInputSchema, {
    id: project.id,
    data: { name: project.name, description: project.description, visibility: project.visibility },
  });
  const invalidate = useProjectInvalidation(project.id);
  const update = useMutation(trpc.projects.update.mutationOptions({ onSuccess: invalidate }));
  const visibility = form.watch("data.visibility");

  const onSubmit = submit(async (input) => {
    // Only what changed is sent: the activity trail records exactly that.
    const changed = form.formState.dirtyFields.data ?? {};
    const data = Object.fromEntries(
      (["name", "description", "visibility"] as const)
        .filter((field) => changed[field])
        .map((field) => [field, input.data[field]]),
    );
    if (Object.keys(data).length === 0) {
      toast.success("Nothing to save: no field was changed.");
      return;
    }
    await update.mutateAsync({ id: project.id, data });
    toast.success("Project saved.");
  });

  return (
    <section className="card" aria-labelledby="details-title">
      <div className="card-header">
        <h2 id="details-title">Details</h2>
      </div>
      <form className="card-body form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        <TextField
          label="Name"
          maxLength={120}
          {...form.register("data.name")}
          error={errors.error("data.name")}
        />
        <TextareaField
          label="Description"
          rows={3}
          {...form.register("data.description")}
          maxLength={2000}
          error={errors.error("data.description")}
        />
        <SelectField
          label="Visibility"
          {...form.register("data.visibility")}
          hint={VISIBILITY_DESCRIPTION[visibility ?? project.visibility]}
          error={errors.error("data.visibility")}
        >
          {PROJECT_VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {VISIBILITY_LABEL[visibility]} — {VISIBILITY_DESCRIPTION[visibility]}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}

function DangerZone({ project }: { project: Project }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const invalidate = useProjectInvalidation(project.id);
  const [deleting, setDeleting] = useState(false);
  const [force, setForce] = useState(false);
  const archived = project.archivedAt !== null;

  const archive = useMutation(
    trpc.projects.archive.mutationOptions({
      onSuccess: () => {
        toast.success("Project archived.");
        return invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const unarchive = useMutation(
    trpc.projects.unarchive.mutationOptions({
      onSuccess: () => {
        toast.success("Project restored.");
        return invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Project “${project.name}” deleted.`);
        queryClient.removeQueries({ queryKey: trpc.projects.get.queryKey({ id: project.id }) });
        await queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() });
        router.push("/projects");
      },
    }),
  );

  return (
    <section className="card" aria-labelledby="danger-title">
      <div className="card-header">
        <h2 id="danger-title">Archive or delete</h2>
      </div>
      <ul className="list">
        <li>
          <div className="list-main">
            <span className="list-title">
              {archived ? "Restore this project" : "Archive this project"}
            </span>
            <span className="list-meta">
              {archived
                ? "It returns to the project list and accepts new items again."
                : "It leaves the project list and no new item can be started. Nothing is deleted."}
            </span>
          </div>
          {archived ? (
            <Button
              loading={unarchive.isPending}
              onClick={() => unarchive.mutate({ id: project.id })}
            >
              Restore
            </Button>
          ) : (
            <Button loading={archive.isPending} onClick={() => archive.mutate({ id: project.id })}>
              Archive
            </Button>
          )}
        </li>
        <li>
          <div className="list-main">
            <span className="list-title">Delete this project</span>
            <span className="list-meta">
              Its items and their history go with it. This cannot be undone.
            </span>
          </div>
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </li>
      </ul>
      <Dialog
        open={deleting}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        title={`Delete “${project.name}”?`}
        description="The project, its items and their history are deleted for good."
        footer={
          <>
            <Button onClick={() => setDeleting(false)}>Cancel</Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => remove.mutate({ id: project.id, force })}
            >
              Delete project
            </Button>
          </>
        }
      >
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
        {project.openInstanceCount > 0 ? (
          <Checkbox
            label={`Also delete its ${project.openInstanceCount} open ${project.openInstanceCount === 1 ? "item" : "items"}`}
            hint="Without this, a project with open items is not deleted."
            checked={force}
            onChange={(event) => setForce(event.target.checked)}
          />
        ) : null}
      </Dialog>
    </section>
  );
}
