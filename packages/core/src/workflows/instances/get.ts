import { type ServiceContext } from "../../context";
import { instanceNotFound } from "./errors";
import { instanceSelect, toInstanceView, type WorkflowInstanceView } from "./view";

/** An instance in a project the caller can see; NOT_FOUND otherwise. */
export async function getInstance(ctx: ServiceContext, id: string): Promise<WorkflowInstanceView> {
  const record = await ctx.db.workflowInstance.findUnique({
    where: { id },
    select: instanceSelect,
  });
  if (!record) throw instanceNotFound();
  return toInstanceView(record);
}
