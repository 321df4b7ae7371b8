import { availableTransitions, type AvailableTransition } from "@fastnext/workflow";

import { type ServiceContext } from "../../context";
import { parseStoredDefinition } from "../definition";
import { instanceActor } from "./actor";
import { instanceNotFound } from "./errors";
import { ZDataDocumentSchema } from "./view";

export interface AvailableTransitions {
  instanceId: string;
  state: string;
  version: number;
  transitions: AvailableTransition[];
}

/**
 * What this caller could fire now. Transitions their role or permissions
 * do not allow are left out; guard-blocked ones stay, with the guard, so a
 * screen can say why the button is disabled.
 */
export async function listAvailableTransitions(
  ctx: ServiceContext,
  instanceId: string,
): Promise<AvailableTransitions> {
  const instance = await ctx.db.workflowInstance.findUnique({
    where: { id: instanceId },
    select: {
      id: true,
      projectId: true,
      state: true,
      version: true,
      data: true,
      template: { select: { definition: true } },
    },
  });
  if (!instance) throw instanceNotFound();
  const { actor, mayChange } = await instanceActor(ctx.db, ctx.principal, instance.projectId);
  const transitions = mayChange
    ? availableTransitions(parseStoredDefinition(instance.template.definition), {
        state: instance.state,
        data: ZDataDocumentSchema.parse(instance.data),
        actor,
      })
    : [];
  return { instanceId: instance.id, state: instance.state, version: instance.version, transitions };
}
