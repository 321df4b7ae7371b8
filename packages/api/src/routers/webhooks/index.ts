import { router } from "../../trpc/procedures";
import { create } from "./create";
import { remove } from "./delete";
import { webhookDeliveriesRouter } from "./deliveries";
import { get } from "./get";
import { list } from "./list";
import { ping } from "./ping";
import { rotateSecret } from "./rotate-secret";
import { update } from "./update";

export const webhooksRouter = router({
  create,
  list,
  get,
  update,
  delete: remove,
  rotateSecret,
  ping,
  deliveries: webhookDeliveriesRouter,
});
