/** The SQL text of a pg `query(...)` call's first argument: a string or a query config. */
export function queryText(query: unknown): string | undefined {
  if (typeof query === "string") return query;
  if (
    typeof query === "object" &&
    query !== null &&
    "text" in query &&
    typeof query.text === "string"
  ) {
    return query.text;
  }
  return undefined;
}

/** String literals: '…' with '' inside, and E'…' with backslash escapes. */
const STRING_LITERALS = /[eE]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'/g;

/** Longest statement text a log line carries. */
const MAX_LOGGED_TEXT = 2_000;

/**
 * A statement's text fit for a log line: string literals replaced by `?`
 * (the scope's opening statement carries the caller's ids and permissions
 * as literals), and cut to a bounded length. Parameter values are never in
 * the text.
 */
export function loggableText(text: string): string {
  const shape = text.replace(STRING_LITERALS, "?");
  return shape.length > MAX_LOGGED_TEXT ? `${shape.slice(0, MAX_LOGGED_TEXT)}…` : shape;
}
