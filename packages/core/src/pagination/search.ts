/**
 * An ILIKE pattern that finds `search` anywhere in a column: `%`, `_` and `\`
 * in what the user typed match themselves, not any text.
 */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
