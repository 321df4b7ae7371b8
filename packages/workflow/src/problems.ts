export type ProblemCode =
  | "invalid_shape"
  | "duplicate_field_key"
  | "duplicate_state_key"
  | "duplicate_transition_key"
  | "no_initial_state"
  | "multiple_initial_states"
  | "no_final_state"
  | "unreachable_state"
  | "dead_end_state"
  | "no_path_to_final"
  | "unknown_state"
  | "transition_from_final"
  | "no_allowed_actors"
  | "guard_unknown_field"
  | "guard_type_mismatch"
  | "timeout_unknown_transition"
  | "timeout_transition_not_from_state";

export type ProblemPath = (string | number)[];

/**
 * One thing wrong with a definition. The path addresses the offending value
 * inside the definition JSON (e.g. ["transitions", 2, "to"]) so an editor
 * can show the message next to the input that caused it.
 */
export interface Problem {
  code: ProblemCode;
  message: string;
  path: ProblemPath;
}
