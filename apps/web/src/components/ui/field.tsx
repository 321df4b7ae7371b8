"use client";

import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { type UseFormRegisterReturn } from "react-hook-form";

import { Input, NativeSelect, Textarea } from "@fastnext/ui";

/** What react-hook-form's `register(name)` hands a control (name, ref, handlers). */
export type RegisteredField = UseFormRegisterReturn;

interface FieldShellProps {
  label: ReactNode;
  /** Monospaced input (keys, JSON). */
  mono?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  /** Hides the label visually (still read by screen readers), e.g. in a toolbar. */
  hideLabel?: boolean;
  className?: string;
}

interface Described {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** Wires a control to its label, hint and error: ids, aria-invalid, aria-describedby. */
function useDescribed(
  error: string | undefined,
  hint: ReactNode,
): {
  ids: { hint: string; error: string };
  control: Described;
} {
  const id = useId();
  const ids = { hint: `${id}-hint`, error: `${id}-error` };
  const describedBy = [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(" ");
  return {
    ids,
    control: {
      id,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy || undefined,
    },
  };
}

function Shell({
  label,
  hint,
  error,
  hideLabel,
  className,
  controlId,
  ids,
  children,
}: FieldShellProps & {
  controlId: string;
  ids: { hint: string; error: string };
  children: ReactNode;
}) {
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label htmlFor={controlId} className={hideLabel ? "visually-hidden" : "field-label"}>
        {label}
      </label>
      {children}
      {hint ? (
        <span id={ids.hint} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={ids.error} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

type TextFieldProps = FieldShellProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "className"> & { ref?: Ref<HTMLInputElement> };

export function TextField({
  label,
  hint,
  error,
  hideLabel,
  className,
  mono,
  ...input
}: TextFieldProps) {
  const { ids, control } = useDescribed(error, hint);
  return (
    <Shell {...{ label, hint, error, hideLabel, className, ids }} controlId={control.id}>
      <Input className={mono ? "mono" : undefined} {...control} {...input} />
    </Shell>
  );
}

type TextareaFieldProps = FieldShellProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "className"> & {
    ref?: Ref<HTMLTextAreaElement>;
  };

export function TextareaField({
  label,
  hint,
  error,
  hideLabel,
  className,
  mono,
  ...input
}: TextareaFieldProps) {
  const { ids, control } = useDescribed(error, hint);
  return (
    <Shell {...{ label, hint, error, hideLabel, className, ids }} controlId={control.id}>
      <Textarea className={mono ? "mono" : undefined} {...control} {...input} />
    </Shell>
  );
}

type SelectFieldProps = FieldShellProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "className"> & {
    children: ReactNode;
    ref?: Ref<HTMLSelectElement>;
  };

export function SelectField({
  label,
  hint,
  error,
  hideLabel,
  className,
  mono: _mono,
  children,
  ...input
}: SelectFieldProps) {
  const { ids, control } = useDescribed(error, hint);
  return (
    <Shell {...{ label, hint, error, hideLabel, className, ids }} controlId={control.id}>
      <NativeSelect {...control} {...input}>
        {children}
      </NativeSelect>
    </Shell>
  );
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className"> & {
  label: ReactNode;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
};

export function Checkbox({ label, hint, ref, ...input }: CheckboxProps) {
  const id = useId();
  return (
    <label className="checkbox" htmlFor={id}>
      <input
        ref={ref}
        type="checkbox"
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      <span>
        {label}
        {hint ? (
          <span id={`${id}-hint`} className="field-hint" style={{ display: "block" }}>
            {hint}
          </span>
        ) : null}
      </span>
    </label>
  );
}
