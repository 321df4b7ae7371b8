/**
 * The app's keyboard shortcuts, in one list: the key handler and the help
 * dialog both read it, so a shortcut cannot work without being listed or be
 * listed without working.
 */
export type ShortcutAction =
  { kind: "palette" } | { kind: "help" } | { kind: "navigate"; href: string };

export interface Shortcut {
  /** Keys as pressed: a chord such as "Mod+K", or a sequence such as "G P". */
  keys: string;
  description: string;
  action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Mod+K", description: "Open the command palette", action: { kind: "palette" } },
  {
    keys: "/",
    description: "Search projects, items, users and pages",
    action: { kind: "palette" },
  },
  { keys: "?", description: "Show keyboard shortcuts", action: { kind: "help" } },
  { keys: "G O", description: "Go to the overview", action: { kind: "navigate", href: "/" } },
  {
    keys: "G P",
    description: "Go to projects",
    action: { kind: "navigate", href: "/projects" },
  },
  {
    keys: "G A",
    description: "Go to your account",
    action: { kind: "navigate", href: "/account" },
  },
];

/** The parts of a key event a shortcut is matched on (a plain object, so it can be tested without a DOM). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where typing goes into a field, single keys are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return false;
}

function isChord(keys: string): boolean {
  return keys.startsWith("Mod+");
}

function isSequence(keys: string): boolean {
  return keys.includes(" ");
}

/**
 * The shortcut that `press` completes, given the key pressed just before it
 * (`pending`, for two-key sequences), or undefined. "Mod" is Ctrl, or ⌘ on
 * Apple keyboards: either is accepted, so one list serves every platform.
 */
export function matchShortcut(
  press: KeyPress,
  pending: string | null,
  shortcuts: readonly Shortcut[] = SHORTCUTS,
): Shortcut | undefined {
  const key = press.key.length === 1 ? press.key.toUpperCase() : press.key;
  const mod = press.ctrlKey || press.metaKey;
  return shortcuts.find((shortcut) => {
    if (isChord(shortcut.keys)) {
      return mod && !press.altKey && shortcut.keys.slice(4).toUpperCase() === key;
    }
    if (mod || press.altKey) return false;
    if (isSequence(shortcut.keys)) {
      const [first, second] = shortcut.keys.split(" ");
      return pending !== null && first === pending && second === key;
    }
    return shortcut.keys === press.key;
  });
}

/** Whether `press` is the first key of some sequence (then it waits for the second). */
export function startsSequence(
  press: KeyPress,
  shortcuts: readonly Shortcut[] = SHORTCUTS,
): string | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.key.length !== 1) return null;
  const key = press.key.toUpperCase();
  return shortcuts.some((s) => isSequence(s.keys) && s.keys.split(" ")[0] === key) ? key : null;
}

/** The keys as a reader expects them on this platform: ⌘K on a Mac, Ctrl+K elsewhere. */
export function keyLabel(keys: string, usesCommandKey: boolean): string[] {
  if (isChord(keys)) return [usesCommandKey ? "⌘" : "Ctrl", keys.slice(4)];
  return keys.split(" ");
}

/** Apple platforms label the modifier ⌘; read once in the browser. */
export function usesCommandKey(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}
