// The public surface of the workflow engine. Everything here is pure: callers
// load definitions and instances, pass the clock in, and persist the results.
export {
  FIELD_TYPES,
  PROJECT_ROLES,
  STATE_KINDS,
  ZAllowedActorsSchema,
  ZDataFieldSchema,
  ZKeySchema,
  ZStateSchema,
  ZStateTimeoutSchema,
  ZTransitionSchema,
  ZWorkflowDefinitionSchema,
  type AllowedActors,
  type DataField,
  type FieldType,
  type ProjectRole,
  type State,
  type StateKind,
  type StateTimeout,
  type Transition,
  type WorkflowDefinition,
} from "./definition";
export {
  COMPARISON_OPS,
  ZGuardSchema,
  ZGuardValueSchema,
  type ComparisonOp,
  type Guard,
  type GuardValue,
} from "./guards";
export { evaluateGuard } from "./evaluate-guard";
export { describeGuard } from "./describe-guard";
export { guardFields } from "./guard-fields";
export { type Problem, type ProblemCode, type ProblemPath } from "./problems";
export { validateDefinition, type ValidationResult } from "./validate";
export { buildDataSchema, type DataDocument } from "./data-fields";
export { isActorAllowed, type Actor } from "./actors";
export {
  availableTransitions,
  planTransition,
  type AvailableTransition,
  type InstanceContext,
  type PlanFailureReason,
  type TransitionPlan,
} from "./transitions";
export { dueTimeouts } from "./timeouts";
