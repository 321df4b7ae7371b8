"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

import { Icon } from "./icons";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

/** The first field of a dialog's body that a person can type in or choose from. */
const DIALOG_FIRST_FIELD =
  ".dialog-body :is(input:not([type='hidden']), textarea, select):not(:disabled)";

/**
 * A modal on the native <dialog>: the browser makes the rest of the page
 * inert, keeps Tab inside and closes on Escape; focus starts in the first field
 * (else on the first control). Focus goes back to whatever opened it when it closes.
 */
export function Dialog({ open, onClose, title, description, children, footer, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // React's autoFocus ran while the dialog was still closed, and the browser then focuses the
      // first control, the header's Close: a dialog with a form starts in its first field instead.
      dialog.querySelector<HTMLElement>(DIALOG_FIRST_FIELD)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const restore = () => {
      const previous = opener.current;
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
      opener.current = null;
    };
    dialog.addEventListener("close", restore);
    return () => {
      dialog.removeEventListener("close", restore);
      // Unmounted while open (the parent stopped rendering it): no "close" fires, and focus
      // went with the removed dialog to the page itself. Give it back as a close would.
      const active = document.activeElement;
      if (opener.current && (active === null || active === document.body)) restore();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape fires "cancel" then "close"; both end here so the parent's state follows.
      onClose={() => {
        if (open) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open ? (
        <>
          <div className="dialog-header">
            <div>
              <h2 id={titleId}>{title}</h2>
              {description ? <p id={descriptionId}>{description}</p> : null}
            </div>
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              onClick={onClose}
              aria-label="Close"
            >
              <Icon name="close" />
            </button>
          </div>
          <div className="dialog-body">{children}</div>
          {footer ? <div className="dialog-footer">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}
