"use client";

import { PASSWORD_MIN_LENGTH } from "@fastnext/validators";

import { TextField, type RegisteredField } from "../ui/field";
import { type FormErrorView } from "./use-form-errors";

/** A new password and its repetition (`confirmPassword`), as every form that sets one asks for them. */
export function NewPasswordFields({
  name,
  errors,
  autoFocus,
}: {
  /** The new password's form field: its name in the input schema. */
  name: string;
  errors: FormErrorView;
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        label="New password"
        name={name}
        type="password"
        autoComplete="new-password"
        autoFocus={autoFocus}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.error(name)}
      />
      <TextField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={errors.error("confirmPassword")}
      />
    </>
  );
}

/** The password of a new account, as the registration forms ask for it. */
export function NewAccountPasswordField({
  errors,
  field,
}: {
  errors: FormErrorView;
  /** The control's registration in a react-hook-form form (name, ref, handlers). */
  field?: RegisteredField;
}) {
  return (
    <TextField
      label="Password"
      name="password"
      {...field}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      error={errors.error("password")}
    />
  );
}
