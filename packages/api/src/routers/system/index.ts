import { router } from "../../trpc/procedures";
import { health } from "./health";

export const systemRouter = router({ health });
