"use client";

import { Dialog as DialogPrimitive } from "radix-ui";
import { type ReactNode } from "react";

import { cn } from "../lib/cn";
import { Button } from "./button";
import { Icon } from "./icons";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** The label of the close button in the corner. */
  closeLabel?: string;
}

/** The first field of a dialog's body that a person can type in or choose from. */
const FIRST_FIELD =
  "[data-slot=dialog-body] :is(input:not([type='hidden']), textarea, select):not(:disabled)";

/**
 * A modal dialog: the rest of the page is inert, Tab stays inside, Escape
 * or a click on the backdrop closes it. Focus starts in the first field of
 * the body (else on the first control, the header's Close) and returns to
 * whatever opened it when the dialog closes or is unmounted while open.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  wide,
  closeLabel = "Close",
}: DialogProps) {
  return (
    <DialogPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
    >
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-overlay" />
        <DialogPrimitive.Content
          data-slot="dialog"
          onOpenAutoFocus={(event) => {
            const field =
              event.currentTarget instanceof HTMLElement
                ? event.currentTarget.querySelector<HTMLElement>(FIRST_FIELD)
                : null;
            if (!field) return;
            event.preventDefault();
            field.focus();
          }}
          // Without a description, no aria-describedby (Radix would point at a missing one).
          {...(description ? {} : { "aria-describedby": undefined })}
          className={cn(
            "fixed top-1/2 left-1/2 z-50 -translate-x-1/2 -translate-y-1/2 overflow-auto",
            "max-h-[calc(100vh-4rem)] w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface text-text shadow-lg",
            wide && "w-[min(48rem,calc(100vw-2rem))]",
          )}
        >
          <div className="flex items-start justify-between gap-3 px-5 pt-5 pb-3">
            <div>
              <DialogPrimitive.Title>{title}</DialogPrimitive.Title>
              {description ? (
                <DialogPrimitive.Description className="mt-1 text-sm text-text-muted">
                  {description}
                </DialogPrimitive.Description>
              ) : null}
            </div>
            <DialogPrimitive.Close asChild>
              <Button variant="ghost" icon aria-label={closeLabel}>
                <Icon name="close" />
              </Button>
            </DialogPrimitive.Close>
          </div>
          <div data-slot="dialog-body" className="grid gap-4 px-5 pb-5">
            {children}
          </div>
          {footer ? (
            <div className="flex flex-wrap justify-end gap-2 rounded-b-lg border-t border-border bg-surface-2 px-5 py-3">
              {footer}
            </div>
          ) : null}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
