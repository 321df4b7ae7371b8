import { router } from "../../../trpc/procedures";
import { create } from "./create";
import { remove } from "./delete";
import { list } from "./list";
import { update } from "./update";

export const commentsRouter = router({
  list,
  create,
  update,
  delete: remove,
});
