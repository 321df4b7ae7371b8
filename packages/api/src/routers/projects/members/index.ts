import { router } from "../../../trpc/procedures";
import { add } from "./add";
import { list } from "./list";
import { remove } from "./remove";
import { updateRole } from "./update-role";

export const membersRouter = router({ list, add, updateRole, remove });
