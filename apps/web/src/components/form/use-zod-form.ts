"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type Path,
} from "react-hook-form";
import { type z } from "zod";

import { requiredMessage, serverFormErrors, type FormErrorView } from "./use-form-errors";

/**
 * A form on react-hook-form, checked in the browser with the zod schema the
 * API checks too (so the messages match) and re-checked as the user corrects
 * a field. `errors` is the view of errors every form gives (`FormErrorView`):
 * the API's field errors land beside their fields, the rest above them, and
 * the first invalid field gets focus. `submit(save)` is the form's onSubmit:
 * it runs `save` with the parsed values, and shows what `save` throws.
 */
export function useZodForm<TSchema extends z.ZodType<FieldValues, FieldValues>>(
  schema: TSchema,
  defaultValues: DefaultValues<z.input<TSchema>>,
) {
  const form = useForm<z.input<TSchema>, unknown, z.output<TSchema>>({
    resolver: zodResolver(schema, { error: requiredMessage }),
    defaultValues,
  });
  const [formError, setFormError] = useState<string | null>(null);

  const errors: FormErrorView = {
    formError,
    error: (path) => {
      // Nested paths ("data.name") as the API names them.
      const fieldError: FieldError | undefined = get(form.formState.errors, path);
      return fieldError?.message;
    },
    fromServer: (error) => {
      const shown = serverFormErrors(error);
      Object.entries(shown.fieldErrors).forEach(([path, messages], index) => {
        form.setError(
          // The API's paths are the input schema's: the form's own field names.
          path as Path<z.input<TSchema>>,
          { type: "server", message: messages[0] },
          { shouldFocus: index === 0 },
        );
      });
      setFormError(shown.formError);
    },
  };

  const submit = (save: (values: z.output<TSchema>) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await save(values);
      } catch (error) {
        errors.fromServer(error);
      }
    });

  return { form, errors, submit, setFormError };
}
