"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, type SubmitEvent } from "react";

import { PROJECT_VISIBILITIES, ZProjectCreateInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { formValues, useFormErrors } from "../form/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { SelectField, TextareaField, TextField } from "../ui/field";
import { useToast } from "../ui/toast";
import { VISIBILITY_DESCRIPTION, VISIBILITY_LABEL } from "./labels";

export function CreateProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      // A new project is on the first page of every project list (and the dashboard's).
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    }),
  );

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const input = errors.validate(ZProjectCreateInputSchema, formValues(target), target);
    if (!input) return;
    try {
      const project = await create.mutateAsync(input);
      toast.success(`Project “${project.name}” created.`);
      onClose();
      router.push(`/projects/${project.id}`);
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New project"
      description="You will be its owner and can invite others."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="create-project" variant="primary" loading={create.isPending}>
            Create project
          </Button>
        </>
      }
    >
      <form id="create-project" ref={form} className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        <TextField label="Name" name="name" required autoFocus maxLength={120} error={errors.error("name")} />
        <TextareaField
          label="Description"
          name="description"
          rows={3}
          maxLength={2000}
          hint="Optional. What the project is for."
          error={errors.error("description")}
        />
        <SelectField label="Visibility" name="visibility" defaultValue="private" error={errors.error("visibility")}>
          {PROJECT_VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {VISIBILITY_LABEL[visibility]} — {VISIBILITY_DESCRIPTION[visibility]}
            </option>
          ))}
        </SelectField>
      </form>
    </Dialog>
  );
}
