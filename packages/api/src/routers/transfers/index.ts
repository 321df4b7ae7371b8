import { router } from "../../trpc/procedures";
import { cancel } from "./cancel";
import { downloadLink } from "./download-link";
import { exportsRouter } from "./exports";
import { get } from "./get";
import { importsRouter } from "./imports";
import { list } from "./list";
import { onProgress } from "./on-progress";

export const transfersRouter = router({
  list,
  get,
  cancel,
  downloadLink,
  onProgress,
  exports: exportsRouter,
  imports: importsRouter,
});
