import { type Guard } from "./guards";

/**
 * The data fields a guard reads, each once, in the order they appear: where
 * a form shows why a transition is refused ("amount ≥ 100" under Amount).
 */
export function guardFields(guard: Guard): string[] {
  const fields = new Set<string>();
  const visit = (node: Guard): void => {
    switch (node.op) {
      case "and":
      case "or":
        node.all.forEach(visit);
        return;
      case "not":
        visit(node.guard);
        return;
      default:
        fields.add(node.field);
    }
  };
  visit(guard);
  return [...fields];
}
