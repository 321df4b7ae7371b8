import { router } from "../../../trpc/procedures";
import { archive } from "./archive";
import { create } from "./create";
import { get } from "./get";
import { list } from "./list";
import { publish } from "./publish";
import { update } from "./update";

export const templatesRouter = router({ list, get, create, update, publish, archive });
