import { type ComponentProps } from "react";

import { cn } from "../lib/cn";

/** The frame every text-like control shares: border, padding, invalid and disabled looks. */
export const controlClass = cn(
  "w-full min-h-[2.375rem] rounded-md border border-border-strong bg-surface px-3 py-2 text-sm",
  "hover:border-text-subtle aria-invalid:border-danger",
  "disabled:bg-surface-2 disabled:text-text-muted",
);

export function Input({ className, ...rest }: ComponentProps<"input">) {
  return <input {...rest} data-slot="input" className={cn(controlClass, className)} />;
}

export function Textarea({ className, ...rest }: ComponentProps<"textarea">) {
  return (
    <textarea
      {...rest}
      data-slot="textarea"
      className={cn(controlClass, "min-h-20 resize-y", className)}
    />
  );
}

/**
 * The browser's own select, styled as the other controls: best on phones
 * (the system picker) and for forms that post plain values.
 */
export function NativeSelect({ className, ...rest }: ComponentProps<"select">) {
  return <select {...rest} data-slot="native-select" className={cn(controlClass, className)} />;
}
