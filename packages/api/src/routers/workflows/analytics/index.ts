import { router } from "../../../trpc/procedures";
import { summary } from "./summary";

export const analyticsRouter = router({ summary });
