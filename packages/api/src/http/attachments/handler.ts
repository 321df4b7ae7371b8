import { Readable } from "node:stream";
import { type ReadableStream as NodeReadableStream } from "node:stream/web";

import { TRPCError } from "@trpc/server";

import { AppError } from "@fastnext/core";
import { discardUpload, storeUpload } from "@fastnext/core/workflows";

import { toTRPCError } from "../../errors";
import { type CorsAllowance } from "../cors";
import {
  downloadHeaders,
  openFileRoute,
  UUID_PATTERN,
  type FileRouteOptions,
} from "../file-routes";
import { type RequestInfo } from "../handler";
import { createTransferCaller } from "./transfer";

/** Where the file routes are mounted, on the web app and on the API server alike. */
export const ATTACHMENTS_PATH = "/api/attachments";

/** The header an upload names its file in (percent-encoded UTF-8). */
export const FILE_NAME_HEADER = "x-file-name";

const ATTACHMENTS_CORS: CorsAllowance = {
  methods: "GET, POST, OPTIONS",
  headers: `authorization, content-type, x-request-id, ${FILE_NAME_HEADER}`,
};

export type AttachmentHandlerOptions = FileRouteOptions;

const UPLOAD_PATH = new RegExp(`^/instances/(${UUID_PATTERN})$`);
const DOWNLOAD_PATH = new RegExp(`^/(${UUID_PATTERN})$`);

function fileNameOf(header: string | null): string | null {
  if (header === null) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}

/**
 * The file routes: `POST /api/attachments/instances/{instanceId}` with the
 * file as the raw body and its name in `X-File-Name`, answering the new
 * attachment as JSON (201); `GET /api/attachments/{attachmentId}` streaming
 * the file back. Both build the context exactly as the tRPC handler does
 * (Bearer token, or the web session cookie where the host passes
 * `resolveSession`) and run through the same middleware; errors are
 * problem documents as on the REST surface. The upload is never read
 * whole into memory: it streams through the type check to storage.
 *
 * A cookie-authenticated upload from another site is impossible: the
 * required `X-File-Name` header makes the browser ask first (CORS), and
 * only the allowed origins are let through.
 */
export function createAttachmentHandler(options: AttachmentHandlerOptions) {
  const metrics = options.metrics ?? null;

  async function handle(request: Request, info: RequestInfo = {}): Promise<Response> {
    const { cors, url, context, refuse } = openFileRoute(request, info, options, ATTACHMENTS_CORS);
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
    const path = url.pathname.slice(ATTACHMENTS_PATH.length);
    const caller = createTransferCaller(context);
    const upload = UPLOAD_PATH.exec(path);
    const download = DOWNLOAD_PATH.exec(path);
    try {
      if (upload && request.method === "POST") {
        const fileName = fileNameOf(request.headers.get(FILE_NAME_HEADER));
        if (fileName === null) {
          return refuse(
            toTRPCError(
              new AppError("VALIDATION", `Name the file in the ${FILE_NAME_HEADER} header`, {
                fieldErrors: { fileName: ["A file needs a name"] },
              }),
            ),
          );
        }
        const declared = Number(request.headers.get("content-length") ?? "NaN");
        const body = request.body
          ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
          : Readable.from([]);
        const target = await caller.authorize({
          instanceId: upload[1] ?? "",
          fileName,
          declaredBytes: Number.isFinite(declared) ? declared : null,
        });
        // A refused upload is not read to its end: the connection is closed
        // after the answer (below), so the unread rest goes nowhere.
        let stored;
        try {
          stored = await storeUpload(context.deps, target, body);
        } catch (error) {
          if (error instanceof AppError) throw toTRPCError(error);
          throw error;
        }
        let attachment;
        try {
          attachment = await caller.record(stored);
        } catch (error) {
          await discardUpload(context.deps, stored).catch((cause: unknown) =>
            context.logger.warn({ err: cause }, "a refused upload's file was not removed"),
          );
          throw error;
        }
        const headers = new Headers(cors);
        headers.set("content-type", "application/json");
        headers.set("location", `${ATTACHMENTS_PATH}/${attachment.id}`);
        return new Response(JSON.stringify(attachment), { status: 201, headers });
      }
      if (download && (request.method === "GET" || request.method === "HEAD")) {
        const { attachment, body } = await caller.download({ attachmentId: download[1] ?? "" });
        const headers = downloadHeaders(cors, attachment);
        if (request.method === "HEAD") {
          body.destroy();
          return new Response(null, { status: 200, headers });
        }
        const stream = Readable.toWeb(body) as ReadableStream<Uint8Array>;
        return new Response(stream, { status: 200, headers });
      }
      const known = upload ?? download;
      return refuse(
        new TRPCError(
          known
            ? { code: "METHOD_NOT_SUPPORTED", message: `${request.method} is not supported here` }
            : { code: "NOT_FOUND", message: "No such file route" },
        ),
      );
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      const refusal = refuse(error);
      // A refused upload may not have been read to its end: the connection
      // is not reused, so the unread rest cannot be taken for a next request.
      if (upload) refusal.headers.set("connection", "close");
      return refusal;
    }
  }

  if (!metrics) return handle;
  return async function countedAttachmentRequest(request: Request, info: RequestInfo = {}) {
    const response = await handle(request, info);
    metrics.httpResponse("attachments", response.status);
    return response;
  };
}
