/** Administration: users, roles and permissions, the activity log, system figures. */
export { adminCreateEnvDocs, adminCreateEnvShape } from "./administrators";
export { listActivities } from "./activities";
export { getRole, listPermissions, listRoles } from "./roles/read";
export { ZRoleViewSchema } from "./roles/view";
export { createRole, deleteRole, setRolePermissions, updateRole } from "./roles/write";
export { systemStats, ZSystemStatsSchema } from "./system-stats";
export { createUser } from "./users/create";
export { USER_SORTS } from "./users/cursor";
export { getUser } from "./users/get";
export { listUsers } from "./users/list";
export { setUserActive } from "./users/set-active";
export { setUsersActive } from "./users/set-active-many";
export { setUserRoles } from "./users/set-roles";
export { updateUser } from "./users/update";
export { ZAdminUserViewSchema } from "./users/view";
