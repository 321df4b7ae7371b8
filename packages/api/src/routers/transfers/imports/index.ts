import { router } from "../../../trpc/procedures";
import { create } from "./create";
import { dryRun } from "./dry-run";
import { mapping } from "./mapping";

export const importsRouter = router({ create, dryRun, mapping });
