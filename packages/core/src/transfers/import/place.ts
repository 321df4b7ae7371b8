import { type State, type WorkflowDefinition } from "@fastnext/workflow";

import { recordActivity } from "../../activity";
import { type WorkContext } from "../../context";
import { initialState, isFinalState } from "../../workflows/definition";
import { type WorkflowInstanceView } from "../../workflows/instances/view";

/**
 * Puts an item an import just created into the state its row names. It is
 * no transition (a spreadsheet's "Done" row did not go through the
 * workflow's guards here, it went through them elsewhere): the history says
 * where the item came in, the trail says an import put it there, and no
 * transition event is raised, so nobody is told an item moved that only
 * arrived.
 */
export async function placeImportedItem(
  ctx: WorkContext,
  definition: WorkflowDefinition,
  item: WorkflowInstanceView,
  state: State["key"],
): Promise<void> {
  const from = initialState(definition).key;
  if (state === from) return;
  const now = new Date();
  const version = item.version + 1;
  const { count } = await ctx.db.workflowInstance.updateMany({
    where: { id: item.id, version: item.version },
    data: {
      state,
      version,
      stateEnteredAt: now,
      completedAt: isFinalState(definition, state) ? now : null,
    },
  });
  if (count !== 1) throw new Error("an imported item changed while it was being placed");
  await ctx.db.workflowHistory.create({
    data: {
      instanceId: item.id,
      projectId: item.projectId,
      fromState: from,
      toState: state,
      actorId: ctx.principal.userId,
      comment: "Imported in this state",
      versionAfter: version,
      createdAt: now,
    },
    select: { id: true },
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_instance.import_state",
    entityType: "workflow_instance",
    entityId: item.id,
    before: { state: from, version: item.version },
    after: { state, version },
  });
}
