import { router } from "../../../trpc/procedures";
import { get } from "./settings/get";
import { update } from "./settings/update";
import { stats } from "./stats";

export const adminSystemRouter = router({ stats, settings: router({ get, update }) });
