"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import {
  ZWorkflowTemplateCreateInputSchema,
  ZWorkflowTypeCreateInputSchema,
} from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { FormDialog } from "../form/form-dialog";
import { formValues, useFormErrors, type FormErrors } from "../form/use-form-errors";
import { useIdempotencyKey } from "../form/use-idempotency-key";
import { SelectField, TextareaField, TextField } from "../ui/field";
import { useToast } from "../ui/toast";
import { slugify, STARTER_DEFINITION } from "./editor/draft";

type WorkflowType = RouterOutputs["workflows"]["types"]["list"]["items"][number];

/** Name first; the key follows it until the author edits the key. */
function useNameAndKey() {
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyTouched, setKeyTouched] = useState(false);
  return {
    name,
    key: keyTouched ? key : slugify(name),
    setName,
    setKey: (value: string) => {
      setKeyTouched(true);
      setKey(value);
    },
  };
}

/** The name input, and the key input that follows it. */
function NameAndKeyInputs({
  fields,
  errors,
  keyHint,
}: {
  fields: ReturnType<typeof useNameAndKey>;
  errors: FormErrors;
  keyHint: string;
}) {
  return (
    <>
      <TextField
        label="Name"
        name="name"
        autoFocus
        value={fields.name}
        onChange={(event) => fields.setName(event.target.value)}
        error={errors.error("name")}
      />
      <TextField
        label="Key"
        name="key"
        mono
        value={fields.key}
        onChange={(event) => fields.setKey(event.target.value)}
        hint={keyHint}
        error={errors.error("key")}
      />
    </>
  );
}

export function CreateTypeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const fields = useNameAndKey();
  const idempotencyKey = useIdempotencyKey(open);
  const create = useMutation(
    trpc.workflows.types.create.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.workflows.types.list.queryKey() }),
    }),
  );

  async function onSubmit(target: HTMLFormElement) {
    const input = errors.validate(ZWorkflowTypeCreateInputSchema, formValues(target), target);
    if (!input) return;
    const type = await create.mutateAsync({ ...input, idempotencyKey });
    toast.success(`Workflow type “${type.name}” created.`);
    onClose();
  }

  return (
    <FormDialog
      id="create-type"
      open={open}
      onClose={onClose}
      title="New workflow type"
      description="A kind of record that moves through a workflow, such as “Purchase request”."
      submitLabel="Create type"
      pending={create.isPending}
      errors={errors}
      onSubmit={onSubmit}
    >
      <NameAndKeyInputs
        fields={fields}
        errors={errors}
        keyHint="Permanent: integrations refer to it."
      />
      <TextareaField
        label="Description"
        name="description"
        rows={2}
        error={errors.error("description")}
      />
    </FormDialog>
  );
}

/**
 * A new template: installation-wide, or with `project` that project's own
 * (its owners define it; it is usable there only).
 */
export function CreateTemplateDialog({
  types,
  project,
  open,
  onClose,
}: {
  types: readonly WorkflowType[];
  project?: { id: string; name: string };
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors();
  const fields = useNameAndKey();
  const idempotencyKey = useIdempotencyKey(open);
  const create = useMutation(
    trpc.workflows.templates.create.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.workflows.templates.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.projects.templates.list.queryKey() }),
        ]),
    }),
  );

  async function onSubmit(target: HTMLFormElement) {
    const values = formValues(target);
    const input = errors.validate(
      ZWorkflowTemplateCreateInputSchema,
      { ...values, definition: STARTER_DEFINITION, projectId: project?.id },
      target,
    );
    if (!input) return;
    const template = await create.mutateAsync({ ...input, idempotencyKey });
    toast.success(`Template “${template.name}” created as a draft.`);
    onClose();
    router.push(`/workflows/templates/${template.id}`);
  }

  return (
    <FormDialog
      id="create-template"
      open={open}
      onClose={onClose}
      title={project ? "New project template" : "New workflow template"}
      description={
        project
          ? `A template of ${project.name} only. It starts as a small draft (Open → Done) that you then shape in the editor.`
          : "It starts as a small draft (Open → Done) that you then shape in the editor."
      }
      submitLabel="Create and edit"
      pending={create.isPending}
      errors={errors}
      onSubmit={onSubmit}
    >
      <SelectField
        label="Workflow type"
        name="typeId"
        defaultValue={types[0]?.id}
        error={errors.error("typeId")}
      >
        {types.map((type) => (
          <option key={type.id} value={type.id}>
            {type.name}
          </option>
        ))}
      </SelectField>
      <NameAndKeyInputs
        fields={fields}
        errors={errors}
        keyHint="Shared by all versions of the template."
      />
    </FormDialog>
  );
}
