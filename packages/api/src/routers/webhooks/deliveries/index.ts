import { router } from "../../../trpc/procedures";
import { list } from "./list";
import { redeliver } from "./redeliver";

export const webhookDeliveriesRouter = router({ list, redeliver });
