import { validate } from "@readme/openapi-parser";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { type OpenAPIV3_1 } from "openapi-types";

export interface RestAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when there is none. */
  body: unknown;
}

export interface RestCall {
  token?: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One REST call over real HTTP to `origin` + /api/v1 + `path`. */
export async function rest(
  origin: string,
  method: string,
  path: string,
  call: RestCall = {},
): Promise<RestAnswer> {
  const url = new URL(`/api/v1${path}`, origin);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? null : (JSON.parse(text) as unknown),
  };
}

export type Document = OpenAPIV3_1.Document;

/** The server's document, checked against the OpenAPI 3.1 specification (throws with the problems). */
export async function fetchValidDocument(origin: string): Promise<Document> {
  const response = await fetch(`${origin}/api/openapi.json`);
  if (response.status !== 200) throw new Error(`/api/openapi.json answered ${response.status}`);
  const document = (await response.json()) as Document;
  const result = await validate(structuredClone(document));
  if (!result.valid) throw new Error(JSON.stringify(result.errors, null, 2));
  return document;
}

/** "/projects/{id}" -> "~1projects~1{id}", for a JSON pointer. */
const pointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * A JSON-schema validator per operation, status and content type. The
 * document is added whole, so the schemas' `#/components/...` references
 * (recursive ones included) resolve inside it.
 */
export function responseValidators(document: Document) {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; `strict: false` lets the
  // document's other members and OpenAPI's own annotations through.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: "openapi.json" });
  const cache = new Map<string, ValidateFunction>();
  return (route: string, method: string, status: number, contentType: string) => {
    const key = `${method} ${route} ${status} ${contentType}`;
    let check = cache.get(key);
    if (!check) {
      const operation = (document.paths?.[route] as Record<string, OpenAPIV3_1.OperationObject>)[
        method
      ];
      const answer = operation?.responses?.[String(status)] as
        OpenAPIV3_1.ResponseObject | undefined;
      if (!answer?.content?.[contentType]?.schema) throw new Error(`${key} is not documented`);
      const at = [
        "paths",
        route,
        method,
        "responses",
        String(status),
        "content",
        contentType,
        "schema",
      ];
      check = ajv.compile({ $ref: `openapi.json#/${at.map(pointer).join("/")}` });
      cache.set(key, check);
    }
    return check;
  };
}

export interface DocumentedOperation {
  route: string;
  method: string;
  operationId: string;
  secured: boolean;
}

export function operationsOf(document: Document): DocumentedOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => {
      const operation = item?.[method];
      if (!operation) return [];
      return [
        {
          route,
          method,
          operationId: operation.operationId ?? `${method} ${route}`,
          secured: (operation.security?.length ?? 0) > 0,
        },
      ];
    }),
  );
}

/** `/projects/{id}` with `{ id: "p1" }` -> `/projects/p1`. */
export function fill(route: string, params: Record<string, string>): string {
  return route.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${route}`);
    return encodeURIComponent(value);
  });
}
