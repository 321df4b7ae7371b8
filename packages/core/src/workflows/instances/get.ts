import { type WorkContext } from "../../context";
import { instanceNotFound } from "./errors";
import { instanceSelect, toInstanceView, type WorkflowInstanceView } from "./view";

/** An instance in a project the caller can see; NOT_FOUND otherwise. */
export async function getInstance(ctx: WorkContext, id: string): Promise<WorkflowInstanceView> {
  const record = await ctx.db.workflowInstance.findUnique({
    where: { id },
    select: instanceSelect,
  });
  if (!record) throw instanceNotFound();
  return toInstanceView(record);
}
