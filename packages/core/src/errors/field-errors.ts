import { type ZodError } from "zod";

import { type FieldErrors } from "./app-error";

/**
 * Field errors from (field, message) pairs, in order. Field names come from
 * the caller's input (`toString`, `__proto__`), so they are collected in a
 * Map and become own properties only: never a prototype member, never the
 * prototype itself.
 */
export function collectFieldErrors(entries: Iterable<readonly [string, string]>): FieldErrors {
  const byField = new Map<string, string[]>();
  for (const [field, message] of entries) {
    const messages = byField.get(field);
    if (messages) messages.push(message);
    else byField.set(field, [message]);
  }
  return Object.fromEntries(byField);
}

/*
 * Keys superjson refuses to serialise anywhere in a response (its guard
 * against prototype pollution). A field error at such a path is reported as
 * a form error naming the field instead.
 */
const UNSERIALISABLE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Field errors keyed by dotted path (`data.email`), so nested inputs map to form fields. */
export function flattenIssues(error: ZodError): { fieldErrors: FieldErrors; formErrors: string[] } {
  const formErrors: string[] = [];
  const pairs: [string, string][] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    if (field === "") formErrors.push(issue.message);
    else if (UNSERIALISABLE_KEYS.has(field)) formErrors.push(`${field}: ${issue.message}`);
    else pairs.push([field, issue.message]);
  }
  return { fieldErrors: collectFieldErrors(pairs), formErrors };
}
