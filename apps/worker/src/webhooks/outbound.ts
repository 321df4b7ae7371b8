import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

import { connectionHost, mayConnect, type WebhookAllowList } from "@fastnext/core/webhooks";

/** A destination the address policy refuses: nothing was sent. */
export class WebhookDestinationRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused to connect to ${host} (${address}): not a public address`);
    this.name = "WebhookDestinationRefused";
  }
}

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface OutboundOptions {
  allowList: WebhookAllowList;
  /** The whole exchange, connection to last byte read. */
  timeoutMs: number;
  /** How much of a response body is kept. */
  maxResponseBytes: number;
}

export interface OutboundResponse {
  status: number;
  /** The first `maxResponseBytes` of the body, as UTF-8. */
  body: string;
  elapsedMs: number;
}

/**
 * Resolves as the connection would and refuses when any address is not
 * one the policy allows. It runs when the socket connects, so the address
 * checked is the address connected to: a name that resolved to a public
 * address at registration and to 127.0.0.1 now (DNS rebinding) is refused.
 */
function guardedLookup(allowList: WebhookAllowList): LookupFunction {
  return (hostname, options, callback) => {
    const all: LookupAllOptions = { ...options, all: true };
    dnsLookup(hostname, all, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((a) => !mayConnect(hostname, a.address, allowList));
      if (refused || addresses.length === 0) {
        return callback(new WebhookDestinationRefused(hostname, refused?.address ?? "none"), "", 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * One POST to a webhook endpoint. Never follows a redirect (a 3xx is an
 * answer like any other: not a success), never reuses a connection, and
 * gives up after `timeoutMs`. An address literal in the URL is checked
 * here (the socket does no lookup for one); a name, on every address it
 * resolves to.
 */
export function sendWebhookRequest(
  request: OutboundRequest,
  options: OutboundOptions,
): Promise<OutboundResponse> {
  const url = new URL(request.url);
  const host = connectionHost(url);
  if (isIP(host) && !mayConnect(host, host, options.allowList)) {
    return Promise.reject(new WebhookDestinationRefused(host, host));
  }
  const started = performance.now();
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: "POST",
        headers: {
          ...request.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(request.body)),
          "user-agent": "FastNext-Webhooks/1",
        },
        agent: false,
        lookup: guardedLookup(options.allowList),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            elapsedMs: Math.round(performance.now() - started),
          });
        response.on("data", (chunk: Buffer) => {
          if (kept >= options.maxResponseBytes) return;
          const part = chunk.subarray(0, options.maxResponseBytes - kept);
          chunks.push(part);
          kept += part.length;
          // Enough read: the rest of a large answer is not waited for.
          if (kept >= options.maxResponseBytes) {
            finish();
            response.destroy();
          }
        });
        response.on("end", finish);
        response.on("error", reject);
      },
    );
    outgoing.on("error", (error) => {
      reject(
        error.name === "AbortError" || error.name === "TimeoutError"
          ? new Error(`no answer within ${options.timeoutMs} ms`)
          : error,
      );
    });
    outgoing.end(request.body);
  });
}
