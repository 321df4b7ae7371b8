import { serviceContext } from "@fastnext/core";
import { listSignInMethods, ZSignInMethodsViewSchema } from "@fastnext/core/identities";

import { authedProcedure } from "../../../trpc/procedures";

/** The caller's linked identities and whether they have a password (the account page). */
export const list = authedProcedure
  .output(ZSignInMethodsViewSchema)
  .query(({ ctx }) => listSignInMethods(serviceContext(ctx)));
