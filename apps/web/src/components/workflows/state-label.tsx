import { Badge } from "@fastnext/ui";
import { type WorkflowDefinition } from "@fastnext/workflow";

/** A state's name and colour from the definition (its key when the version no longer has it). */
export function stateInfo(definition: WorkflowDefinition | undefined, key: string) {
  const state = definition?.states.find((candidate) => candidate.key === key);
  return { name: state?.name ?? key, color: state?.color, kind: state?.kind };
}

export function StateBadge({
  definition,
  state,
  testId,
}: {
  definition: WorkflowDefinition | undefined;
  state: string;
  testId?: string;
}) {
  const info = stateInfo(definition, state);
  return (
    <Badge className="state-badge" data-testid={testId}>
      <span
        className="dot"
        style={info.color ? { color: info.color } : undefined}
        aria-hidden="true"
      />
      {info.name}
    </Badge>
  );
}
