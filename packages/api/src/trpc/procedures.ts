import { observe } from "./middleware";
import { t } from "./init";

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Open to anyone. Every use must be listed in PUBLIC_PROCEDURES. */
export const publicProcedure = t.procedure.use(observe);
