import pluralize from "pluralize";

/** Splits `LineItem`, `lineItem`, `line_item` or `line-item` into lower-case words. */
function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export const pascalCase = (value: string) => words(value).map(capitalised).join("");
export const camelCase = (value: string) => {
  const pascal = pascalCase(value);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
};
export const snakeCase = (value: string) => words(value).join("_");
export const kebabCase = (value: string) => words(value).join("-");

/** The plural of a PascalCase name, inflecting its last word only (`LineItem` → `LineItems`). */
export function pluralPascal(name: string): string {
  const parts = words(name);
  const last = parts.pop() ?? "";
  return pascalCase([...parts, pluralize.plural(last)].join(" "));
}

export function isSingular(name: string): boolean {
  const last = words(name).at(-1) ?? "";
  return pluralize.isSingular(last) && pluralize.plural(last) !== last;
}
