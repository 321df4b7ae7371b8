/** How requests become principals, for servers built around the router (bench, tools). */
export { resolveCredentials, type ResolveSession } from "./credentials";
export { loadAccess, loadPrincipal, scopeOf, type Credentials, type Principal } from "./principal";
export { AccessCache, type Access } from "./access-cache";
export { readMe, ZMeSchema } from "../services/users/me";
