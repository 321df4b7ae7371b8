import { systemRouter } from "./routers/system";
import { createCallerFactory, router } from "./trpc/procedures";

export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

/** Procedures anyone may call without signing in. Everything else is guarded. */
export const PUBLIC_PROCEDURES: readonly string[] = ["system.health"];
