import { router } from "../../trpc/procedures";

export const notificationsRouter = router({});
