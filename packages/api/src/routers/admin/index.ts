import { router } from "../../trpc/procedures";
import { list } from "./users/list";
import { setRoles } from "./users/set-roles";

export const adminRouter = router({
  users: router({ list, setRoles }),
});
