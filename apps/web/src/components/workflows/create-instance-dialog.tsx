"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";

import { type RouterOutputs } from "@fastnext/api";

import { useTRPC } from "~/trpc/client";

import { FormDialog } from "../form/form-dialog";
import { useFormErrors } from "../form/use-form-errors";
import { useIdempotencyKey } from "../form/use-idempotency-key";
import { TextField } from "../ui/field";
import { useToast } from "../ui/toast";
import { DataFieldInputs, readDataDocument } from "./data-fields";
import { instanceFormSchema } from "./instance-schema";

type Template = RouterOutputs["workflows"]["templates"]["get"];

export function CreateInstanceDialog({
  projectId,
  template,
  open,
  onClose,
}: {
  projectId: string;
  template: Template;
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const idempotencyKey = useIdempotencyKey(open);
  const fields = template.definition.dataFields;
  const create = useMutation(
    trpc.workflows.instances.create.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.workflows.instances.list.queryKey() }),
          // openInstanceCount of the project.
          queryClient.invalidateQueries({
            queryKey: trpc.projects.get.queryKey({ id: projectId }),
          }),
          queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
        ]),
    }),
  );

  function close() {
    errors.clear();
    onClose();
  }

  async function onSubmit(target: HTMLFormElement) {
    const title = new FormData(target).get("title");
    const parsed = errors.validate(
      instanceFormSchema(fields),
      { title: typeof title === "string" ? title : "", data: readDataDocument(target, fields) },
      target,
    );
    if (!parsed) return;
    const instance = await create.mutateAsync({
      projectId,
      templateId: template.id,
      title: parsed.title,
      data: parsed.data,
      idempotencyKey,
    });
    toast.success(`“${instance.title}” created.`);
    close();
    router.push(`/projects/${projectId}/instances/${instance.id}`);
  }

  return (
    <FormDialog
      id="create-instance"
      open={open}
      onClose={close}
      title={`New ${template.name} item`}
      description="It starts in the workflow's first state."
      submitLabel="Create item"
      pending={create.isPending}
      errors={errors}
      onSubmit={onSubmit}
      formRef={form}
    >
      <TextField
        label="Title"
        name="title"
        required
        autoFocus
        maxLength={200}
        error={errors.error("title")}
      />
      <DataFieldInputs fields={fields} error={errors.error} />
    </FormDialog>
  );
}
