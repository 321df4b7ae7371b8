"use client";

import { useSyncExternalStore } from "react";

import { Dialog } from "@fastnext/ui";

import { keyLabel, SHORTCUTS, usesCommandKey } from "./shortcuts";

const noSubscription = () => () => {};

/** Whether to write ⌘ or Ctrl: known only in the browser, so the server renders "Ctrl". */
export function useCommandKey(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => usesCommandKey(navigator.platform),
    () => false,
  );
}

/** "?": every shortcut, from the same list the key handler uses. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const commandKey = useCommandKey();
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <table className="shortcuts">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                {keyLabel(shortcut.keys, commandKey).map((key, index, all) => (
                  <span key={key}>
                    <kbd>{key}</kbd>
                    {index < all.length - 1 ? (shortcut.keys.includes("+") ? "+" : " then ") : null}
                  </span>
                ))}
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
