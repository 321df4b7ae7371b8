"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { PROJECT_VISIBILITIES, ZProjectCreateInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { FormDialog } from "../form/form-dialog";
import { useIdempotencyKey } from "../form/use-idempotency-key";
import { useZodForm } from "../form/use-zod-form";
import { SelectField, TextareaField, TextField } from "../ui/field";
import { useToast } from "../ui/toast";
import { VISIBILITY_DESCRIPTION, VISIBILITY_LABEL } from "./labels";

export function CreateProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const { form, errors, submit } = useZodForm(ZProjectCreateInputSchema, {
    name: "",
    description: "",
    visibility: "private",
  });
  const idempotencyKey = useIdempotencyKey(open);
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      // A new project is on the first page of every project list (and the dashboard's).
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
    }),
  );

  const onSubmit = submit(async (input) => {
    const project = await create.mutateAsync({ ...input, idempotencyKey });
    toast.success(`Project “${project.name}” created.`);
    form.reset();
    onClose();
    router.push(`/projects/${project.id}`);
  });

  return (
    <FormDialog
      id="create-project"
      open={open}
      onClose={() => {
        // The next opening starts from an empty form.
        form.reset();
        onClose();
      }}
      title="New project"
      description="You will be its owner and can invite others."
      submitLabel="Create project"
      pending={create.isPending}
      errors={errors}
      onSubmit={() => onSubmit()}
    >
      <TextField
        label="Name"
        required
        autoFocus
        maxLength={120}
        {...form.register("name")}
        error={errors.error("name")}
      />
      <TextareaField
        label="Description"
        rows={3}
        maxLength={2000}
        hint="Optional. What the project is for."
        {...form.register("description")}
        error={errors.error("description")}
      />
      <SelectField
        label="Visibility"
        {...form.register("visibility")}
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
