import { router } from "../../../trpc/procedures";
import { create } from "./create";
import { get } from "./get";
import { list } from "./list";
import { setActive } from "./set-active";
import { setActiveMany } from "./set-active-many";
import { setRoles } from "./set-roles";
import { update } from "./update";

export const adminUsersRouter = router({
  list,
  get,
  create,
  update,
  setActive,
  setActiveMany,
  setRoles,
});
