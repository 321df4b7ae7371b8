import { router } from "../../../trpc/procedures";
import { create } from "./create";
import { remove } from "./delete";
import { get } from "./get";
import { list } from "./list";
import { setPermissions } from "./set-permissions";
import { update } from "./update";

export const adminRolesRouter = router({
  list,
  get,
  create,
  update,
  delete: remove,
  setPermissions,
});
