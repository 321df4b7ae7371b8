import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { invitationsRouter } from "./routers/invitations";
import { notificationsRouter } from "./routers/notifications";
import { projectsRouter } from "./routers/projects";
import { systemRouter } from "./routers/system";
import { transfersRouter } from "./routers/transfers";
import { usersRouter } from "./routers/users";
import { webhooksRouter } from "./routers/webhooks";
import { workflowsRouter } from "./routers/workflows";
import { createCallerFactory, router } from "./trpc/procedures";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  users: usersRouter,
  admin: adminRouter,
  projects: projectsRouter,
  invitations: invitationsRouter,
  workflows: workflowsRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
  transfers: transfersRouter,
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
  "auth.verifyTwoFactor",
  "auth.refresh",
  "auth.logout",
  "auth.requestPasswordReset",
  "auth.resetPassword",
  "auth.oauth.exchange",
  "invitations.get",
  "invitations.register",
];
