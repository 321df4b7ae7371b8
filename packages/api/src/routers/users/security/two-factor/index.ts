import { router } from "../../../../trpc/procedures";
import { confirm } from "./confirm";
import { disable } from "./disable";
import { setup } from "./setup";

export const twoFactorRouter = router({ setup, confirm, disable });
