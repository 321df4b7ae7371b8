"use client";

import { DropdownMenu as MenuPrimitive } from "radix-ui";
import { type ComponentProps } from "react";

import { cn } from "../lib/cn";
import { Icon } from "./icons";

/** A menu of actions or toggles opened from a button: arrow keys, typeahead, Escape. */
export const DropdownMenu = MenuPrimitive.Root;
export const DropdownMenuTrigger = MenuPrimitive.Trigger;

const itemClass = cn(
  "relative flex cursor-pointer items-center gap-2 rounded-sm px-3 py-2 text-sm text-text outline-none select-none",
  "data-highlighted:bg-surface-hover data-disabled:cursor-not-allowed data-disabled:opacity-60",
);

export function DropdownMenuContent({
  className,
  ...rest
}: ComponentProps<typeof MenuPrimitive.Content>) {
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.Content
        align="end"
        sideOffset={6}
        collisionPadding={12}
        {...rest}
        data-slot="dropdown-menu-content"
        className={cn(
          "z-50 min-w-48 overflow-hidden rounded-lg border border-border bg-surface p-1 text-text shadow-lg",
          className,
        )}
      />
    </MenuPrimitive.Portal>
  );
}

export function DropdownMenuItem({
  className,
  ...rest
}: ComponentProps<typeof MenuPrimitive.Item>) {
  return <MenuPrimitive.Item {...rest} className={cn(itemClass, className)} />;
}

export function DropdownMenuCheckboxItem({
  className,
  children,
  ...rest
}: ComponentProps<typeof MenuPrimitive.CheckboxItem>) {
  return (
    <MenuPrimitive.CheckboxItem {...rest} className={cn(itemClass, "pl-8", className)}>
      <MenuPrimitive.ItemIndicator className="absolute left-2.5 text-accent-text">
        <Icon name="check" size={14} />
      </MenuPrimitive.ItemIndicator>
      {children}
    </MenuPrimitive.CheckboxItem>
  );
}

export function DropdownMenuLabel({
  className,
  ...rest
}: ComponentProps<typeof MenuPrimitive.Label>) {
  return (
    <MenuPrimitive.Label {...rest} className={cn("px-3 py-2 text-xs text-text-muted", className)} />
  );
}

export function DropdownMenuSeparator({
  className,
  ...rest
}: ComponentProps<typeof MenuPrimitive.Separator>) {
  return (
    <MenuPrimitive.Separator {...rest} className={cn("mx-0 my-1 h-px bg-border", className)} />
  );
}
