import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from "trpc-to-openapi";
import { z } from "zod";

import { ZIdempotencyKeySchema } from "@fastnext/validators";

import { appRouter } from "../root";
import { idempotentMiddlewares } from "../trpc/idempotent";
import { type ProcedureMeta } from "../trpc/meta";
import { PROBLEM_CONTENT_TYPE, ZProblemSchema } from "./problem";

/** Where the REST operations are mounted, on the web app and the API server alike. */
export const REST_BASE_PATH = "/api/v1";

interface ProcedureDef {
  _def: { type: string; meta?: ProcedureMeta; middlewares: unknown[] };
}

type Operation = Record<string, unknown> & {
  operationId?: string;
  security?: unknown;
  parameters?: Record<string, unknown>[];
  responses?: Record<string, unknown>;
};

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The errors an operation may answer, from what its procedure declares. */
function errorResponses(procedure: ProcedureDef, method: string, hasInput: boolean) {
  const meta = procedure._def.meta ?? {};
  const signedIn = meta.caller === "signed-in";
  return {
    ...(hasInput
      ? { 400: problemResponse("Invalid input (see fieldErrors), or a refused request") }
      : {}),
    ...(signedIn ? { 401: problemResponse("No valid access token") } : {}),
    ...(signedIn ? { 403: problemResponse("The caller lacks the permission") } : {}),
    ...(method !== "post" || hasInput
      ? { 404: problemResponse("No such resource the caller may see") }
      : {}),
    ...(method === "get" ? {} : { 409: problemResponse("Conflicts with the current state") }),
    429: problemResponse("Rate limited; Retry-After says when to try again"),
    500: problemResponse("Internal error"),
  };
}

const idempotencyHeader = {
  in: "header",
  name: "Idempotency-Key",
  required: false,
  description:
    "Chosen once per intended change and sent again with every retry: a retry gets the first answer and changes nothing.",
  schema: headerSchema(),
};

/** The key's JSON schema, from the same zod schema that checks it. */
function headerSchema() {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(ZIdempotencyKeySchema);
  return schema;
}

/**
 * The OpenAPI 3.1 document of the REST surface, generated from the router:
 * each procedure's `openapi` meta and zod schemas, with errors as problem
 * details, no security on public operations and the Idempotency-Key header
 * on idempotent ones.
 */
export function restDocument(router: OpenApiRouter = appRouter): OpenAPIObject {
  const document = generateOpenApiDocument(router, {
    title: "FastNext API",
    version: "1.0.0",
    description:
      "The REST surface of the same procedures the tRPC router serves: same authentication (an access token as `Authorization: Bearer`), permissions, row-level security, rate limits and idempotency. Errors are RFC 9457 problem details.",
    openApiVersion: "3.1.0",
    baseUrl: REST_BASE_PATH,
    docsUrl: "/api/docs",
    securitySchemes: {
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        description: "The access token from POST /auth/login (or /auth/refresh).",
      },
    },
    defs: { Problem: ZProblemSchema },
  });
  const procedures = router._def.procedures as unknown as Record<string, ProcedureDef>;
  const byOperationId = new Map(
    Object.entries(procedures).map(([name, procedure]) => [name.replaceAll(".", "-"), procedure]),
  );
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const [method, value] of Object.entries(pathItem as Record<string, Operation>)) {
      const procedure = value.operationId ? byOperationId.get(value.operationId) : undefined;
      if (!procedure) continue;
      const hasInput = Boolean(value.parameters?.length) || "requestBody" in value;
      const meta = procedure._def.meta ?? {};
      if (meta.caller !== "signed-in") delete value.security;
      // Who may call it, for readers of the document (enforced by the procedure, not by this).
      value["x-access"] = meta.caller === "signed-in" ? (meta.permission ?? "signed-in") : "public";
      const success = value.responses?.["200"];
      value.responses = { 200: success, ...errorResponses(procedure, method, hasInput) };
      if (procedure._def.middlewares.some((fn) => idempotentMiddlewares.has(fn))) {
        value.parameters = [...(value.parameters ?? []), idempotencyHeader];
      }
    }
  }
  return document;
}
