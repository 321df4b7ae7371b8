import { initTRPC } from "@trpc/server";
import superjson from "superjson";

import { describeError, publicMessage } from "../errors";
import { type Context } from "./context";
import { type ProcedureMeta } from "./meta";

export const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Stacks never leave the server, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      return {
        ...shape,
        message: publicMessage(error),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.requestId ?? null,
          ...describeError(error),
        },
      };
    },
  });
