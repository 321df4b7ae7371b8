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
