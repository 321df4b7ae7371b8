"use client";

import { Popover as PopoverPrimitive } from "radix-ui";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

import { cn } from "../lib/cn";
import { buttonVariants } from "./button";

/** The items arrow keys move between inside a panel: the entries of its lists. */
const LIST_ENTRY = "li > a[href], li > button:not(:disabled)";

/**
 * A button that opens a panel below it (menus, the notification list).
 * Escape or a click outside closes it; Escape returns focus to the button.
 * Arrow keys move between the panel's menu items; opened from the keyboard
 * (Enter, Space or the down arrow on the button), the panel puts focus on
 * its first item, as menu buttons do. The panel stays inside the screen:
 * it shifts or flips when the button sits near an edge.
 */
export function Popover({
  label,
  trigger,
  children,
  panelLabel,
  onOpenChange,
}: {
  /** Accessible name of the button. */
  label: string;
  trigger: ReactNode;
  children: (close: () => void) => ReactNode;
  panelLabel?: string;
  onOpenChange?: (open: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  // Whether the panel opens from the keyboard, so that focus moves into it.
  const fromKeyboard = useRef(false);
  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange?.(next);
  };

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(LIST_ENTRY)];
    if (items.length === 0) return;
    event.preventDefault();
    const at = items.findIndex((item) => item === document.activeElement);
    const step = event.key === "ArrowDown" ? 1 : -1;
    items[(at + step + items.length) % items.length]?.focus();
  };

  return (
    <PopoverPrimitive.Root open={open} onOpenChange={change}>
      <PopoverPrimitive.Trigger
        aria-label={label}
        className={cn(buttonVariants({ variant: "ghost", icon: true }), "relative")}
        onClick={(event) => {
          // A click from Enter or Space has no pointer position (detail 0).
          fromKeyboard.current = !open && event.detail === 0;
        }}
        onKeyDown={(event) => {
          if (event.key !== "ArrowDown" || open) return;
          event.preventDefault();
          fromKeyboard.current = true;
          change(true);
        }}
      >
        {trigger}
      </PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          data-slot="popover-content"
          // A labelled region (not a dialog): the panel holds a menu or a list.
          role="region"
          aria-label={panelLabel ?? label}
          side="bottom"
          align="end"
          sideOffset={8}
          collisionPadding={12}
          // Opened by pointer, focus stays on the button until the user moves into the panel.
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            if (!fromKeyboard.current || !(event.currentTarget instanceof HTMLElement)) return;
            fromKeyboard.current = false;
            event.currentTarget.querySelector<HTMLElement>(LIST_ENTRY)?.focus();
          }}
          onKeyDown={onPanelKey}
          className={cn(
            "z-40 w-max min-w-56 max-w-[min(24rem,calc(100vw-1.5rem))] overflow-hidden",
            // On phones the panels take the screen's width, less a margin each side.
            "max-md:w-[calc(100vw-1.5rem)] max-md:max-w-none",
            "rounded-lg border border-border bg-surface text-text shadow-lg",
          )}
        >
          {children(() => change(false))}
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}
