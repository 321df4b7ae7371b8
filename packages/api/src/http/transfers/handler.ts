import { Readable } from "node:stream";

import { TRPCError } from "@trpc/server";

import { TRANSFERS_PATH } from "@fastnext/core/transfers";

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
  methods: "GET, OPTIONS",
  headers: "authorization, content-type, x-request-id",
};

const DOWNLOAD_PATH = new RegExp(`^/(${UUID_PATTERN})/download$`);

export type TransferHandlerOptions = FileRouteOptions;

/**
 * The transfer file routes: `GET /api/transfers/{id}/download?token=…`
 * streams a finished export to its requester. The signed token (from
 * `transfers.downloadLink`) must be genuine and unexpired, and the caller
 * signed in as the requester: anyone else, link or not, gets NOT_FOUND.
 */
export function createTransferHandler(options: TransferHandlerOptions) {
  const metrics = options.metrics ?? null;

  async function handle(request: Request, info: RequestInfo = {}): Promise<Response> {
    const { cors, url, context, refuse } = openFileRoute(request, info, options, TRANSFERS_CORS);
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
    const path = url.pathname.slice(TRANSFERS_PATH.length);
    const download = DOWNLOAD_PATH.exec(path);
    try {
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
          download
            ? { code: "METHOD_NOT_SUPPORTED", message: `${request.method} is not supported here` }
            : { code: "NOT_FOUND", message: "No such transfer route" },
        ),
      );
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      return refuse(error);
    }
  }

  if (!metrics) return handle;
  return async function countedTransferRequest(request: Request, info: RequestInfo = {}) {
    const response = await handle(request, info);
    metrics.httpResponse("transfers", response.status);
    return response;
  };
}
