"use client";

import { type ReactNode, type Ref, type SubmitEvent } from "react";

import { Alert, Button, Dialog } from "@fastnext/ui";

import { type FormErrorView } from "./use-form-errors";

interface FormDialogProps {
  /** The form's id: the footer's submit button points at it. */
  id: string;
  title: ReactNode;
  description?: ReactNode;
  wide?: boolean;
  open?: boolean;
  onClose: () => void;
  submitLabel: ReactNode;
  pending: boolean;
  submitDisabled?: boolean;
  errors: FormErrorView;
  /**
   * Validates and saves. What it throws (a tRPC error) is shown on the
   * form: field errors beside their inputs, the rest above them.
   */
  onSubmit: (form: HTMLFormElement) => Promise<void>;
  formRef?: Ref<HTMLFormElement>;
  children: ReactNode;
}

/** A dialog holding one form, with Cancel and the submit button in its footer. */
export function FormDialog({
  id,
  title,
  description,
  wide,
  open = true,
  onClose,
  submitLabel,
  pending,
  submitDisabled,
  errors,
  onSubmit,
  formRef,
  children,
}: FormDialogProps) {
  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      await onSubmit(form);
    } catch (error) {
      errors.fromServer(error, form);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      wide={wide}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            form={id}
            variant="primary"
            loading={pending}
            disabled={submitDisabled}
          >
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        id={id}
        ref={formRef}
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
        {children}
      </form>
    </Dialog>
  );
}
