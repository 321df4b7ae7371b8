import { router } from "../../../trpc/procedures";
import { create } from "./create";

export const exportsRouter = router({ create });
