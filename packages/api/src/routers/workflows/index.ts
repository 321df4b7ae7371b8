import { router } from "../../trpc/procedures";

export const workflowsRouter = router({});
