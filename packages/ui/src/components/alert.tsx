import { cva } from "class-variance-authority";
import { type ReactNode } from "react";

import { cn } from "../lib/cn";

export type AlertTone = "error" | "success" | "warning" | "info";

const alertVariants = cva(
  "grid gap-2 rounded-md border px-4 py-3 text-sm *:data-[slot=button]:justify-self-start",
  {
    variants: {
      tone: {
        error:
          "border-[color-mix(in_srgb,var(--danger)_30%,transparent)] bg-danger-soft text-danger",
        success:
          "border-[color-mix(in_srgb,var(--success)_30%,transparent)] bg-success-soft text-success",
        warning:
          "border-[color-mix(in_srgb,var(--warning)_30%,transparent)] bg-warning-soft text-warning",
        info: "border-[color-mix(in_srgb,var(--info)_30%,transparent)] bg-info-soft text-info",
      },
    },
  },
);

/** Inline message. Errors are announced at once (role=alert), the rest politely. */
export function Alert({
  tone,
  title,
  className,
  children,
}: {
  tone: AlertTone;
  title?: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div
      className={cn(alertVariants({ tone }), className)}
      role={tone === "error" ? "alert" : "status"}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children}
    </div>
  );
}
