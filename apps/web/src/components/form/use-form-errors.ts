"use client";

import { useCallback, useMemo, useState } from "react";
import { type z } from "zod";

import { flattenIssues } from "@fastnext/validators";

import { describeApiError, errorMessage, type FieldErrors } from "~/trpc/errors";

/** What a form shows of its errors: a message per field path, one above the fields. */
export interface FormErrorView {
  formError: string | null;
  /** The first message for a path, for a field's `error` prop. */
  error: (path: string) => string | undefined;
  /** Shows an API refusal: per field when it names fields, else as one message. */
  fromServer: (error: unknown, form?: HTMLFormElement | null) => void;
}

/** An API refusal as a form shows it: the field errors, and the message above the fields. */
export function serverFormErrors(error: unknown): {
  fieldErrors: FieldErrors;
  formError: string | null;
} {
  const info = describeApiError(error);
  const hasFields = Object.keys(info.fieldErrors).length > 0;
  return {
    fieldErrors: info.fieldErrors,
    formError: hasFields
      ? (info.formErrors[0] ?? null)
      : (info.formErrors[0] ?? errorMessage(error)),
  };
}

/** A field left out is "Required", not zod's "expected string, received undefined". */
export const requiredMessage = (issue: { input?: unknown }) =>
  issue.input === undefined ? "Required" : undefined;

/**
 * A form's errors, from either side: checked in the browser with the same
 * zod schema the API uses before anything is sent, then the API's own
 * `fieldErrors` (same paths) if it still refuses. After a failed check the
 * first invalid control gets focus, so keyboard and screen reader users land
 * on the problem.
 */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const focusFirstInvalid = useCallback((form?: HTMLFormElement | null) => {
    // After React has rendered aria-invalid.
    window.requestAnimationFrame(() => {
      const scope: ParentNode = form ?? document;
      const first = scope.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    });
  }, []);

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  /** The parsed value, or null with the errors shown. */
  const validate = useCallback(
    <S extends z.ZodType>(
      schema: S,
      value: unknown,
      form?: HTMLFormElement | null,
    ): z.output<S> | null => {
      // A field left out is "Required", not zod's "expected string, received undefined".
      const result = schema.safeParse(value, { error: requiredMessage });
      if (result.success) {
        clear();
        return result.data;
      }
      const flat = flattenIssues(result.error);
      setFieldErrors(flat.fieldErrors);
      setFormError(flat.formErrors[0] ?? null);
      focusFirstInvalid(form);
      return null;
    },
    [clear, focusFirstInvalid],
  );

  /** Shows an API refusal: per field when it names fields, else as one message. */
  const fromServer = useCallback(
    (error: unknown, form?: HTMLFormElement | null) => {
      const shown = serverFormErrors(error);
      setFieldErrors(shown.fieldErrors);
      setFormError(shown.formError);
      if (Object.keys(shown.fieldErrors).length > 0) focusFirstInvalid(form);
    },
    [focusFirstInvalid],
  );

  return useMemo(
    (): FormErrorView & {
      fieldErrors: FieldErrors;
      validate: typeof validate;
      clear: typeof clear;
      setFormError: typeof setFormError;
    } => ({
      fieldErrors,
      formError,
      error: (path: string): string | undefined => fieldErrors[path]?.[0],
      validate,
      fromServer,
      clear,
      setFormError,
    }),
    [fieldErrors, formError, validate, fromServer, clear],
  );
}

export type FormErrors = ReturnType<typeof useFormErrors>;

/** A form's text values by name (file inputs are not used in this app). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") values[name] = value;
  }
  return values;
}
