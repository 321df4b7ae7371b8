"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { buttonVariants, cn, Icon } from "@fastnext/ui";

import { CommandPalette } from "./command-palette";
import { ShortcutsDialog, useCommandKey } from "./shortcuts-dialog";
import { useShortcuts } from "./use-shortcuts";

/** The header's search button, the palette and the shortcuts help, opened by click or by key. */
export function PaletteLauncher() {
  const router = useRouter();
  const commandKey = useCommandKey();
  const [open, setOpen] = useState<"palette" | "help" | null>(null);

  useShortcuts((shortcut) => {
    const { action } = shortcut;
    if (action.kind === "navigate") {
      setOpen(null);
      router.push(action.href);
    } else {
      setOpen(action.kind);
    }
  });

  return (
    <>
      <button
        type="button"
        className={cn(buttonVariants({ variant: "ghost" }), "palette-button")}
        aria-label="Search"
        aria-keyshortcuts={commandKey ? "Meta+K" : "Control+K"}
        onClick={() => setOpen("palette")}
      >
        <Icon name="search" />
        <span className="palette-button-text">Search</span>
        <kbd className="palette-button-keys">{commandKey ? "⌘K" : "Ctrl K"}</kbd>
      </button>
      <CommandPalette open={open === "palette"} onClose={() => setOpen(null)} />
      <ShortcutsDialog open={open === "help"} onClose={() => setOpen(null)} />
    </>
  );
}
