import { readMe, ZMeSchema } from "../../services/users/me";
import { authedProcedure } from "../../trpc/procedures";

export const me = authedProcedure.output(ZMeSchema).query(({ ctx }) => readMe(ctx.db, ctx.principal));
