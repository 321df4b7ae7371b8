"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type SubmitEvent } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { ZWorkflowTemplateCreateInputSchema, ZWorkflowTypeCreateInputSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { formValues, useFormErrors } from "../form/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
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

export function CreateTypeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const fields = useNameAndKey();
  const create = useMutation(
    trpc.workflows.types.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workflows.types.list.queryKey() }),
    }),
  );

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const input = errors.validate(ZWorkflowTypeCreateInputSchema, formValues(target), target);
    if (!input) return;
    try {
      const type = await create.mutateAsync(input);
      toast.success(`Workflow type “${type.name}” created.`);
      onClose();
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New workflow type"
      description="A kind of record that moves through a workflow, such as “Purchase request”."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="create-type" variant="primary" loading={create.isPending}>
            Create type
          </Button>
        </>
      }
    >
      <form id="create-type" className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
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
          hint="Permanent: integrations refer to it."
          error={errors.error("key")}
        />
        <TextareaField label="Description" name="description" rows={2} error={errors.error("description")} />
      </form>
    </Dialog>
  );
}

export function CreateTemplateDialog({
  types,
  open,
  onClose,
}: {
  types: readonly WorkflowType[];
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors();
  const fields = useNameAndKey();
  const create = useMutation(
    trpc.workflows.templates.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workflows.templates.list.queryKey() }),
    }),
  );

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const values = formValues(target);
    const input = errors.validate(
      ZWorkflowTemplateCreateInputSchema,
      { ...values, definition: STARTER_DEFINITION },
      target,
    );
    if (!input) return;
    try {
      const template = await create.mutateAsync(input);
      toast.success(`Template “${template.name}” created as a draft.`);
      onClose();
      router.push(`/workflows/templates/${template.id}`);
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New workflow template"
      description="It starts as a small draft (Open → Done) that you then shape in the editor."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="create-template" variant="primary" loading={create.isPending}>
            Create and edit
          </Button>
        </>
      }
    >
      <form id="create-template" className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        <SelectField label="Workflow type" name="typeId" defaultValue={types[0]?.id} error={errors.error("typeId")}>
          {types.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name}
            </option>
          ))}
        </SelectField>
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
          hint="Shared by all versions of the template."
          error={errors.error("key")}
        />
      </form>
    </Dialog>
  );
}
