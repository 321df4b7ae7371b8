"use client";

import { useEffect, useRef } from "react";

import { isTypingTarget, matchShortcut, startsSequence, type Shortcut } from "./shortcuts";

/** How long the second key of a sequence ("G", then "P") may follow the first. */
const SEQUENCE_WINDOW_MS = 1200;

/**
 * Runs `onShortcut` for the app's shortcuts, anywhere on the page. Single
 * keys and sequences are ignored while the user types in a field; the
 * palette's chord (Ctrl/⌘+K) works everywhere, as in other tools.
 */
export function useShortcuts(onShortcut: (shortcut: Shortcut) => void): void {
  const handler = useRef(onShortcut);
  handler.current = onShortcut;

  useEffect(() => {
    let pending: { key: string; at: number } | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const typing = isTypingTarget(event.target);
      const mod = event.ctrlKey || event.metaKey;
      if (typing && !mod) return;
      const fresh = pending && Date.now() - pending.at < SEQUENCE_WINDOW_MS ? pending.key : null;
      const shortcut = matchShortcut(event, fresh);
      if (shortcut) {
        pending = null;
        event.preventDefault();
        handler.current(shortcut);
        return;
      }
      const first = startsSequence(event);
      pending = first ? { key: first, at: Date.now() } : null;
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
