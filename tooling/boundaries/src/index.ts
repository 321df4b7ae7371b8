export { findBoundaryViolations, type BoundaryViolation } from "./check";
export { boundaryRules } from "./rules";
