import { router } from "../../../trpc/procedures";
import { get } from "./get";
import { list } from "./list";

export const activitiesRouter = router({ list, get });
