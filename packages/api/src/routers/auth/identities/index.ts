import { router } from "../../../trpc/procedures";
import { link } from "./link";
import { list } from "./list";
import { remove } from "./remove";

export const identitiesRouter = router({ list, link, remove });
