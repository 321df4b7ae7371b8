export { REST_BASE_PATH, restDocument } from "./document";
export { REST_EXCLUDED_PROCEDURES } from "./excluded";
export { createRestHandler, type RestHandlerOptions } from "./handler";
export { PROBLEM_CONTENT_TYPE, ZProblemSchema, type Problem } from "./problem";
export {
  apiReferenceRoutes,
  DOCS_CONTENT_SECURITY_POLICY,
  DOCS_PATH,
  OPENAPI_PATH,
  type ReferenceRoute,
} from "./reference";
