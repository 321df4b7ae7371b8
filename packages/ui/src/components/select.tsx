"use client";

import { Select as SelectPrimitive } from "radix-ui";
import { type ComponentProps } from "react";

import { cn } from "../lib/cn";
import { Icon } from "./icons";
import { controlClass } from "./input";

/** A listbox select on Radix: typeahead, arrow keys, and a panel that stays on screen. */
export const Select = SelectPrimitive.Root;
export const SelectValue = SelectPrimitive.Value;
export const SelectGroup = SelectPrimitive.Group;

export function SelectTrigger({
  className,
  children,
  ...rest
}: ComponentProps<typeof SelectPrimitive.Trigger>) {
  return (
    <SelectPrimitive.Trigger
      {...rest}
      data-slot="select-trigger"
      className={cn(
        controlClass,
        "inline-flex items-center justify-between gap-2 text-left",
        className,
      )}
    >
      {children}
      <SelectPrimitive.Icon asChild>
        <span className="text-text-muted">
          <Icon name="chevronDown" size={16} />
        </span>
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  );
}

export function SelectContent({
  className,
  children,
  ...rest
}: ComponentProps<typeof SelectPrimitive.Content>) {
  return (
    <SelectPrimitive.Portal>
      <SelectPrimitive.Content
        position="popper"
        sideOffset={4}
        collisionPadding={12}
        {...rest}
        data-slot="select-content"
        className={cn(
          "z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden",
          "rounded-md border border-border bg-surface text-text shadow-lg",
          className,
        )}
      >
        <SelectPrimitive.Viewport className="p-1">{children}</SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Portal>
  );
}

export function SelectItem({
  className,
  children,
  ...rest
}: ComponentProps<typeof SelectPrimitive.Item>) {
  return (
    <SelectPrimitive.Item
      {...rest}
      data-slot="select-item"
      className={cn(
        "relative flex cursor-pointer items-center gap-2 rounded-sm py-2 pr-8 pl-3 text-sm outline-none select-none",
        "data-highlighted:bg-surface-hover data-disabled:cursor-not-allowed data-disabled:opacity-60",
        className,
      )}
    >
      <SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>
      <SelectPrimitive.ItemIndicator className="absolute right-2 text-accent-text">
        <Icon name="check" size={14} />
      </SelectPrimitive.ItemIndicator>
    </SelectPrimitive.Item>
  );
}
