import { router } from "../../trpc/procedures";
import { archive } from "./archive";
import { create } from "./create";
import { remove } from "./delete";
import { get } from "./get";
import { projectInvitationsRouter } from "./invitations";
import { list } from "./list";
import { membersRouter } from "./members";
import { projectTemplatesRouter } from "./templates";
import { unarchive } from "./unarchive";
import { update } from "./update";

export const projectsRouter = router({
  list,
  get,
  create,
  update,
  archive,
  unarchive,
  delete: remove,
  members: membersRouter,
  invitations: projectInvitationsRouter,
  templates: projectTemplatesRouter,
});
