import { router } from "../../trpc/procedures";
import { me } from "./me";

export const usersRouter = router({ me });
