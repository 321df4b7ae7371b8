import { initTRPC } from "@trpc/server";
import superjson from "superjson";

import { describeError, INTERNAL_MESSAGE } from "../errors";
import { type Context } from "./context";

export const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Stacks never leave the server, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? INTERNAL_MESSAGE : shape.message,
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
