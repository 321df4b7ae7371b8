import { router } from "../../../trpc/procedures";
import { assign } from "./assign";
import { availableTransitions } from "./available-transitions";
import { create } from "./create";
import { get } from "./get";
import { history } from "./history";
import { list } from "./list";
import { timeline } from "./timeline";
import { transition } from "./transition";

export const instancesRouter = router({
  create,
  list,
  get,
  availableTransitions,
  transition,
  assign,
  history,
  timeline,
});
