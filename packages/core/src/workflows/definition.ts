import { type Prisma } from "@fastnext/db";
import { ZWorkflowDefinitionSchema, type State, type WorkflowDefinition } from "@fastnext/workflow";

/**
 * Reads a definition back from its jsonb column. Every stored definition
 * passed the same schema on its way in, so a failure here is corrupt data
 * (an internal error), never the caller's fault.
 */
export function parseStoredDefinition(value: unknown): WorkflowDefinition {
  const parsed = ZWorkflowDefinitionSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(`stored workflow definition is malformed: ${parsed.error.message}`);
  return parsed.data;
}

/** A definition as a jsonb value (it is plain JSON by construction). */
export function definitionJson(definition: WorkflowDefinition): Prisma.InputJsonValue {
  return definition;
}

export function initialState(definition: WorkflowDefinition): State {
  const state = definition.states.find((s) => s.kind === "initial");
  if (!state) throw new Error("a published workflow definition has no initial state");
  return state;
}

export function isFinalState(definition: WorkflowDefinition, key: string): boolean {
  return definition.states.some((s) => s.key === key && s.kind === "final");
}
