"use client";

import { Checkbox as CheckboxPrimitive } from "radix-ui";
import { type ComponentProps } from "react";

import { cn } from "../lib/cn";
import { Icon } from "./icons";

/** A checkbox (tri-state: `checked` may be "indeterminate" for a partly selected group). */
export function Checkbox({ className, ...rest }: ComponentProps<typeof CheckboxPrimitive.Root>) {
  return (
    <CheckboxPrimitive.Root
      {...rest}
      data-slot="checkbox"
      className={cn(
        "inline-grid size-4 flex-none cursor-pointer place-items-center rounded-sm border border-border-strong bg-surface p-0 text-on-accent",
        "data-[state=checked]:border-accent data-[state=checked]:bg-accent",
        "data-[state=indeterminate]:border-accent data-[state=indeterminate]:bg-accent",
        "disabled:cursor-not-allowed disabled:opacity-60",
        className,
      )}
    >
      <CheckboxPrimitive.Indicator className="grid place-items-center">
        {rest.checked === "indeterminate" ? (
          <span className="block h-0.5 w-2 rounded-full bg-current" />
        ) : (
          <Icon name="check" size={12} />
        )}
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}
