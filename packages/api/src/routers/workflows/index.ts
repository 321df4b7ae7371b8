import { router } from "../../trpc/procedures";
import { analyticsRouter } from "./analytics";
import { attachmentsRouter } from "./attachments";
import { commentsRouter } from "./comments";
import { instancesRouter } from "./instances";
import { templatesRouter } from "./templates";
import { typesRouter } from "./types";

export const workflowsRouter = router({
  types: typesRouter,
  templates: templatesRouter,
  instances: instancesRouter,
  comments: commentsRouter,
  analytics: analyticsRouter,
  attachments: attachmentsRouter,
});
