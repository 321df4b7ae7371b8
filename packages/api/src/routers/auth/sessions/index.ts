import { router } from "../../../trpc/procedures";
import { list } from "./list";
import { revoke } from "./revoke";

export const sessionsRouter = router({ list, revoke });
