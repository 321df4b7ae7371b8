import { router } from "../../../trpc/procedures";
import { disable } from "./disable";
import { enable } from "./enable";
import { list } from "./list";

export const projectTemplatesRouter = router({ list, enable, disable });
