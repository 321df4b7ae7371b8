import { router } from "../../../trpc/procedures";
import { remove } from "./delete";
import { list } from "./list";

export const attachmentsRouter = router({ list, delete: remove });
