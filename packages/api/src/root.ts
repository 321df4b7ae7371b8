import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { systemRouter } from "./routers/system";
import { usersRouter } from "./routers/users";
import { createCallerFactory, router } from "./trpc/procedures";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  users: usersRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

/**
 * Procedures anyone may call without signing in. Everything else needs a
 * session; a test walks the router and fails on any procedure that is
 * neither listed here nor guarded.
 */
export const PUBLIC_PROCEDURES: readonly string[] = [
  "system.health",
  "auth.register",
  "auth.login",
  "auth.refresh",
  "auth.logout",
];
