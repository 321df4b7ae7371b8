import { type RouterOutputs } from "@fastnext/client";
import { type FieldErrors } from "@fastnext/validators";
import { describeGuard, guardFields } from "@fastnext/workflow";

import { type Definition } from "./board";
import { type ProblemView } from "./errors";

export type Item = RouterOutputs["workflows"]["instances"]["get"];
export type AvailableTransition =
  RouterOutputs["workflows"]["instances"]["availableTransitions"]["transitions"][number];
export type HistoryEntry = RouterOutputs["workflows"]["instances"]["history"]["items"][number];

/** The data fields a transition's guard reads, by the template's definition. */
export function fieldsOfTransition(definition: Definition, transitionKey: string): string[] {
  const transition = definition.transitions.find((candidate) => candidate.key === transitionKey);
  return transition?.guard ? guardFields(transition.guard) : [];
}

/**
 * What the item's data fields say about the transitions the guard holds
 * back now: "Needed for “Approve”: amount ≥ 100" under each field the guard
 * reads, so the person sees which value stands in the way.
 */
export function blockedFieldNotes(
  definition: Definition,
  transitions: readonly AvailableTransition[],
): FieldErrors {
  const notes: Record<string, string[]> = {};
  for (const transition of transitions) {
    if (!transition.blockedBy) continue;
    for (const field of fieldsOfTransition(definition, transition.key)) {
      (notes[field] ??= []).push(`Needed for “${transition.name}”: ${transition.blockedBy.guard}`);
    }
  }
  return notes;
}

/**
 * A refused transition as field errors: a guard failure lands on the data
 * fields the guard reads (the server says which guard, the definition says
 * which fields), a missing comment on the comment box.
 */
export function transitionFieldErrors(
  problem: ProblemView,
  definition: Definition,
  transitionKey: string,
): FieldErrors {
  if (problem.reason !== "guard_failed") return problem.fieldErrors;
  const transition = definition.transitions.find((candidate) => candidate.key === transitionKey);
  const guard = typeof problem.details?.guard === "string" ? problem.details.guard : null;
  const text = guard ?? (transition?.guard ? describeGuard(transition.guard) : problem.message);
  const errors: Record<string, string[]> = { ...problem.fieldErrors };
  for (const field of fieldsOfTransition(definition, transitionKey)) {
    (errors[field] ??= []).push(`Needed for “${transition?.name ?? transitionKey}”: ${text}`);
  }
  return errors;
}

/** A data value as text: dates and numbers as the phone's locale writes them, empty as a dash. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return value.toLocaleString();
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toLocaleString();
  return JSON.stringify(value);
}
