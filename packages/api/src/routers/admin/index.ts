import { router } from "../../trpc/procedures";
import { list as listActivities } from "./activities/list";
import { list as listPermissions } from "./permissions/list";
import { adminRolesRouter } from "./roles";
import { adminSystemRouter } from "./system";
import { adminUsersRouter } from "./users";

export const adminRouter = router({
  users: adminUsersRouter,
  roles: adminRolesRouter,
  permissions: router({ list: listPermissions }),
  system: adminSystemRouter,
  activities: router({ list: listActivities }),
});
