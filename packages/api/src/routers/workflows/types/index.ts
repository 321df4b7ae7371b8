import { router } from "../../../trpc/procedures";
import { create } from "./create";
import { remove } from "./delete";
import { get } from "./get";
import { list } from "./list";
import { update } from "./update";

export const typesRouter = router({ list, get, create, update, delete: remove });
