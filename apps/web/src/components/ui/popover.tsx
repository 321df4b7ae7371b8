"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A button that opens a panel below it (menus, the notification list).
 * Escape or a click outside closes it; Escape returns focus to the button.
 * Arrow keys move between the panel's menu items; opened from the keyboard
 * (Enter, Space or the down arrow on the button), a menu puts focus on its
 * first item, as menu buttons do.
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
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const focusFirstItem = useRef(false);

  const change = useCallback(
    (next: boolean) => {
      setOpen(next);
      onOpenChange?.(next);
    },
    [onOpenChange],
  );
  const close = useCallback(() => change(false), [change]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        close();
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close]);

  useEffect(() => {
    if (!open || !focusFirstItem.current) return;
    focusFirstItem.current = false;
    panel.current?.querySelector<HTMLElement>(".menu-item")?.focus();
  }, [open]);

  const onPanelKey = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(".menu-item")];
    if (items.length === 0) return;
    event.preventDefault();
    const active = document.activeElement;
    const at = items.findIndex((item) => item === active);
    const step = event.key === "ArrowDown" ? 1 : -1;
    items[(at + step + items.length) % items.length]?.focus();
  };

  return (
    <div className="popover-anchor" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={(event) => {
          // A click from Enter or Space has no pointer position (detail 0).
          focusFirstItem.current = !open && event.detail === 0;
          change(!open);
        }}
        onKeyDown={(event) => {
          if (event.key !== "ArrowDown" || open) return;
          event.preventDefault();
          focusFirstItem.current = true;
          change(true);
        }}
        style={{ position: "relative" }}
      >
        {trigger}
      </button>
      {open ? (
        <div
          id={panelId}
          ref={panel}
          className="popover"
          role="region"
          aria-label={panelLabel ?? label}
          onKeyDown={onPanelKey}
        >
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}
