import { Readable } from "node:stream";

import { type ReadableStream as NodeReadableStream } from "node:stream/web";

import { TRPCError } from "@trpc/server";

import { AppError } from "@fastnext/core";
import { storeImportUpload, TRANSFERS_PATH } from "@fastnext/core/transfers";

import { toTRPCError } from "../../errors";
import { FILE_NAME_HEADER } from "../attachments/handler";
import { type CorsAllowance } from "../cors";
import {
  downloadHeaders,
  openFileRoute,
  UUID_PATTERN,
  type FileRouteOptions,
} from "../file-routes";
import { type RequestInfo } from "../handler";
import { createTransferFilesCaller } from "./files";

export { TRANSFERS_PATH };

const TRANSFERS_CORS: CorsAllowance = {
  methods: "GET, POST, OPTIONS",
  headers: `authorization, content-type, x-request-id, ${FILE_NAME_HEADER}`,
};

const DOWNLOAD_PATH = new RegExp(`^/(${UUID_PATTERN})/download$`);
const IMPORT_UPLOAD_PATH = new RegExp(`^/imports/projects/(${UUID_PATTERN})$`);

function fileNameOf(header: string | null): string | null {
  if (header === null) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}

export type TransferHandlerOptions = FileRouteOptions;

/**
 * The transfer file routes: `GET /api/transfers/{id}/download?token=…`
 * streams a finished export to its requester. The signed token (from
 * `transfers.downloadLink`) must be genuine and unexpired, and the caller
 * signed in as the requester: anyone else, link or not, gets NOT_FOUND.
 * `POST /api/transfers/imports/projects/{projectId}` takes an import's file
 * as the raw body (its name in `X-File-Name`, as for attachments) from an
 * editor of the project, streams it to storage and answers its columns
 * (201); a file that is no import is refused with nothing kept.
 */
export function createTransferHandler(options: TransferHandlerOptions) {
  const metrics = options.metrics ?? null;

  async function handle(request: Request, info: RequestInfo = {}): Promise<Response> {
    const { cors, url, context, refuse } = openFileRoute(request, info, options, TRANSFERS_CORS);
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
    const path = url.pathname.slice(TRANSFERS_PATH.length);
    const download = DOWNLOAD_PATH.exec(path);
    const upload = IMPORT_UPLOAD_PATH.exec(path);
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
        const target = await createTransferFilesCaller(context).authorizeImport({
          projectId: upload[1] ?? "",
          fileName,
          declaredBytes: Number.isFinite(declared) ? declared : null,
        });
        const body = request.body
          ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
          : Readable.from([]);
        let stored;
        try {
          stored = await storeImportUpload(context.deps, target, body);
        } catch (error) {
          if (error instanceof AppError) throw toTRPCError(error);
          throw error;
        }
        const headers = new Headers(cors);
        headers.set("content-type", "application/json");
        return new Response(JSON.stringify(stored), { status: 201, headers });
      }
      if (download && (request.method === "GET" || request.method === "HEAD")) {
        const caller = createTransferFilesCaller(context);
        const file = await caller.download({
          id: download[1] ?? "",
          token: url.searchParams.get("token"),
        });
        const headers = downloadHeaders(cors, {
          contentType: file.contentType,
          size: file.byteSize,
          fileName: file.fileName,
        });
        if (request.method === "HEAD") {
          file.body.destroy();
          return new Response(null, { status: 200, headers });
        }
        return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
          status: 200,
          headers,
        });
      }
      return refuse(
        new TRPCError(
          (download ?? upload)
            ? { code: "METHOD_NOT_SUPPORTED", message: `${request.method} is not supported here` }
            : { code: "NOT_FOUND", message: "No such transfer route" },
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
  return async function countedTransferRequest(request: Request, info: RequestInfo = {}) {
    const response = await handle(request, info);
    metrics.httpResponse("transfers", response.status);
    return response;
  };
}
