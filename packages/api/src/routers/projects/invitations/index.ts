import { router } from "../../../trpc/procedures";
import { create } from "./create";
import { list } from "./list";
import { revoke } from "./revoke";

export const projectInvitationsRouter = router({ create, list, revoke });
