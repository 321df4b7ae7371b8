import { router } from "../../../trpc/procedures";
import { exchange } from "./exchange";

export const oauthRouter = router({ exchange });
