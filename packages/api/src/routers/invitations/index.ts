import { router } from "../../trpc/procedures";
import { accept } from "./accept";
import { decline } from "./decline";
import { get } from "./get";
import { register } from "./register";

/** The invitee's side of project invitations: everything goes by the link's secret. */
export const invitationsRouter = router({ get, accept, decline, register });
