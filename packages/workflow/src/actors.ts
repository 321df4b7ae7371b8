import { type ProjectRole, type Transition } from "./definition";

/** Who is trying to act, as resolved by the caller from the session. */
export interface Actor {
  permissions: ReadonlySet<string>;
  projectRole: ProjectRole | null;
  isSuperuser: boolean;
}

/**
 * Permissions and project roles are alternatives, not both required: a
 * template says "managers, or the project owner", and either qualifies.
 */
export function isActorAllowed(transition: Transition, actor: Actor): boolean {
  if (actor.isSuperuser) return true;
  const { permissions = [], projectRoles = [] } = transition.allowed;
  if (permissions.some((p) => actor.permissions.has(p))) return true;
  return actor.projectRole !== null && projectRoles.includes(actor.projectRole);
}
