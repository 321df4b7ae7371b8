"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";

import { PROJECT_VISIBILITIES, ZProjectCreateInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { FormDialog } from "../form/form-dialog";
import { formValues, useFormErrors } from "../form/use-form-errors";
import { useIdempotencyKey } from "../form/use-idempotency-key";
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
  const idempotencyKey = useIdempotencyKey(open);
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      // A new project is on the first page of every project list (and the dashboard's).
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    }),
  );

  async function onSubmit(target: HTMLFormElement) {
    const input = errors.validate(ZProjectCreateInputSchema, formValues(target), target);
    if (!input) return;
    const project = await create.mutateAsync({ ...input, idempotencyKey });
    toast.success(`Project “${project.name}” created.`);
    onClose();
    router.push(`/projects/${project.id}`);
  }

  return (
    <FormDialog
      id="create-project"
      open={open}
      onClose={onClose}
      title="New project"
      description="You will be its owner and can invite others."
      submitLabel="Create project"
      pending={create.isPending}
      errors={errors}
      onSubmit={onSubmit}
      formRef={form}
    >
      <TextField
        label="Name"
        name="name"
        required
        autoFocus
        maxLength={120}
        error={errors.error("name")}
      />
      <TextareaField
        label="Description"
        name="description"
        rows={3}
        maxLength={2000}
        hint="Optional. What the project is for."
        error={errors.error("description")}
      />
      <SelectField
        label="Visibility"
        name="visibility"
        defaultValue="private"
        error={errors.error("visibility")}
      >
        {PROJECT_VISIBILITIES.map((visibility) => (
          <option key={visibility} value={visibility}>
            {VISIBILITY_LABEL[visibility]} — {VISIBILITY_DESCRIPTION[visibility]}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}
