"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";

/** A card picked up with the keyboard: where it is, and the column it would be dropped on. */
export interface KeyboardPick {
  instanceId: string;
  title: string;
  from: string;
  target: string;
}

/** Shown under the board, and the description every movable card points to (aria-describedby). */
export const KEYBOARD_MOVE_HELP =
  "To move a card with the keyboard, press Space on it, choose a column with the left and right arrows, then Enter to drop it or Escape to cancel.";

/** Where a card's link can be found again after a move re-renders it in another column. */
export function cardLinkSelector(instanceId: string): string {
  return `[data-card-link="${instanceId}"]`;
}

/** The column `step` places away from `current` among `order`, stopping at the ends. */
export function neighbourColumn(order: readonly string[], current: string, step: -1 | 1): string {
  const index = order.indexOf(current);
  if (index === -1) return order[0] ?? current;
  return order[Math.min(order.length - 1, Math.max(0, index + step))] ?? current;
}

/**
 * The keyboard way to move a card, beside dragging it: Space on a card's
 * link picks it up, the left and right arrows choose the column, Enter drops
 * it there through the same `drop` as the mouse (so the same rules apply),
 * Escape or leaving the card cancels. Every step is announced in `message`
 * (a live region). After a move the card is rendered in its new column as
 * a new element: focus is put back on it there.
 */
export function useKeyboardMoves({
  columns,
  columnName,
  drop,
  itemsVersion,
}: {
  /** The visible columns' state keys, left to right. */
  columns: readonly string[];
  columnName: (key: string) => string;
  drop: (instanceId: string, to: string) => void;
  /** Changes when the board's items do (the list query's data): a moved card appears then. */
  itemsVersion: unknown;
}): {
  picked: KeyboardPick | null;
  message: string;
  onCardKeyDown: (
    event: KeyboardEvent<HTMLElement>,
    card: { instanceId: string; title: string; column: string },
  ) => void;
  onCardBlur: () => void;
} {
  const [picked, setPicked] = useState<KeyboardPick | null>(null);
  const [message, setMessage] = useState("");
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    const instanceId = refocus.current;
    if (!instanceId) return;
    const active = document.activeElement;
    // A dialog asking which step, or for a comment, is still open: it gives focus back itself.
    if (active?.closest("dialog[open]")) return;
    // Only when the move took focus away with the old card; never from where the person went on to.
    if (active !== document.body && active !== null) {
      refocus.current = null;
      return;
    }
    const link = document.querySelector<HTMLElement>(cardLinkSelector(instanceId));
    if (link) {
      link.focus();
      refocus.current = null;
    }
  }, [itemsVersion]);

  useEffect(() => {
    if (!picked) return;
    const column = document.getElementById(`column-${picked.target}`)?.closest("section");
    column?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [picked]);

  const onCardKeyDown = (
    event: KeyboardEvent<HTMLElement>,
    card: { instanceId: string; title: string; column: string },
  ) => {
    if (!picked || picked.instanceId !== card.instanceId) {
      if (event.key !== " ") return;
      event.preventDefault();
      setPicked({
        instanceId: card.instanceId,
        title: card.title,
        from: card.column,
        target: card.column,
      });
      setMessage(
        `Picked up “${card.title}” in “${columnName(card.column)}”. Left and right arrows choose a column, Enter drops it, Escape cancels.`,
      );
      return;
    }
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      const target = neighbourColumn(columns, picked.target, event.key === "ArrowLeft" ? -1 : 1);
      setPicked({ ...picked, target });
      setMessage(
        target === picked.from
          ? `Over “${columnName(target)}”, where it is now.`
          : `Over “${columnName(target)}”.`,
      );
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      setPicked(null);
      if (picked.target === picked.from) {
        setMessage(`“${picked.title}” stays in “${columnName(picked.from)}”.`);
        return;
      }
      setMessage(`Dropped “${picked.title}” on “${columnName(picked.target)}”.`);
      refocus.current = picked.instanceId;
      drop(picked.instanceId, picked.target);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setPicked(null);
      setMessage(`Move cancelled: “${picked.title}” stays in “${columnName(picked.from)}”.`);
    }
  };

  const onCardBlur = () => {
    if (!picked) return;
    setPicked(null);
    setMessage(`Move cancelled: “${picked.title}” stays in “${columnName(picked.from)}”.`);
  };

  return { picked, message, onCardKeyDown, onCardBlur };
}
