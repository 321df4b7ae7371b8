import { type FieldErrors } from "~/trpc/errors";

/**
 * The API reports template problems by path: publish as
 * `definition.transitions.2.to`, a refused update as
 * `data.definition.transitions.2.to`. One spelling for the editor.
 */
export function normalizeEditorErrors(fieldErrors: FieldErrors): FieldErrors {
  const normalized: FieldErrors = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const key = path.startsWith("data.") ? path.slice("data.".length) : path;
    (normalized[key] ??= []).push(...messages);
  }
  return normalized;
}

export interface EditorErrors {
  /** Messages for exactly this path. */
  at: (path: string) => string | undefined;
  /** Messages for exactly this path, as a list (a section's own problems). */
  exact: (path: string) => string[];
  /** Messages for this path and everything below it (a group of checkboxes, a guard). */
  under: (path: string) => string[];
  /**
   * Messages for a row (`path` and below) that none of its inputs shows:
   * `shown` names the children that have their own input.
   */
  rest: (path: string, shown: readonly string[]) => string[];
  /** Messages no field of the editor shows (listed at the top, so none is lost). */
  unplaced: (placed: (path: string) => boolean) => [string, string][];
  count: number;
}

export function editorErrors(fieldErrors: FieldErrors): EditorErrors {
  const entries = Object.entries(fieldErrors);
  return {
    at: (path) => fieldErrors[path]?.join(" "),
    exact: (path) => fieldErrors[path] ?? [],
    rest: (path, shown) =>
      entries
        .filter(([key]) => key === path || key.startsWith(`${path}.`))
        .filter(
          ([key]) =>
            !shown.some(
              (child) => key === `${path}.${child}` || key.startsWith(`${path}.${child}.`),
            ),
        )
        .flatMap(([, messages]) => messages),
    under: (path) =>
      entries
        .filter(([key]) => key === path || key.startsWith(`${path}.`))
        .flatMap(([, messages]) => messages),
    unplaced: (placed) =>
      entries
        .filter(([key]) => !placed(key))
        .flatMap(([key, messages]) => messages.map((m): [string, string] => [key, m])),
    count: entries.reduce((total, [, messages]) => total + messages.length, 0),
  };
}

/**
 * Paths the editor shows next to a field or row. Everything under a row's
 * own path is shown on that row (`definition.states.1.timeout.hours` lands
 * on state 1), and section-level problems (`definition.states`) above the
 * section.
 */
export function isPlaced(path: string): boolean {
  return /^(name|definition\.(dataFields|states|transitions)(\.\d+(\..*)?)?)$/.test(path);
}
