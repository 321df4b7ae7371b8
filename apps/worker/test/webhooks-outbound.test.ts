import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { EMPTY_ALLOW_LIST, parseAllowList, type WebhookAllowList } from "@fastnext/core/webhooks";

import { sendWebhookRequest, WebhookDestinationRefused } from "../src/webhooks/outbound";
import { startReceiver, type Receiver } from "./webhook-receiver";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver([{ status: 200, body: "fine" }]);
});
afterAll(() => receiver.close());

function allow(...entries: string[]): WebhookAllowList {
  const parsed = parseAllowList(entries);
  if ("invalid" in parsed) throw new Error(`bad entry ${parsed.invalid}`);
  return parsed;
}

const send = (url: string, allowList: WebhookAllowList = EMPTY_ALLOW_LIST, timeoutMs = 2_000) =>
  sendWebhookRequest(
    { url, headers: { "webhook-id": "x" }, body: '{"ok":true}' },
    { allowList, timeoutMs, maxResponseBytes: 16 },
  );

describe("outbound webhook requests", () => {
  it.each([
    ["loopback", (port: number) => `http://127.0.0.1:${port}/hook`],
    ["private 10/8", () => "http://10.1.2.3/hook"],
    ["link-local metadata", () => "http://169.254.169.254/latest/meta-data"],
    ["IPv6 loopback", (port: number) => `http://[::1]:${port}/hook`],
    ["IPv4-mapped IPv6 loopback", (port: number) => `http://[::ffff:127.0.0.1]:${port}/hook`],
    ["a name resolving to loopback", (port: number) => `http://localhost:${port}/hook`],
  ])("refuses %s before sending anything", async (_name, url) => {
    const before = receiver.received.length;
    await expect(send(url(receiver.port))).rejects.toBeInstanceOf(WebhookDestinationRefused);
    expect(receiver.received.length).toBe(before);
  });

  it("reaches an allowed address, and an allowed host name, and truncates the answer", async () => {
    const byAddress = await send(receiver.url(), allow("127.0.0.0/8"));
    expect(byAddress).toMatchObject({ status: 200, body: "fine" });
    expect(byAddress.elapsedMs).toBeGreaterThanOrEqual(0);
    receiver.reply([{ status: 200, body: "x".repeat(100) }]);
    const byName = await send(`http://localhost:${receiver.port}/named`, allow("localhost"));
    expect(byName.body).toBe("x".repeat(16));
    // An allowed name does not open other names that resolve to the same place.
    await expect(send(`http://127.0.0.1:${receiver.port}/`, allow("localhost"))).rejects.toThrow(
      WebhookDestinationRefused,
    );
    receiver.reply([{ status: 200, body: "fine" }]);
  });

  it("does not follow a redirect", async () => {
    receiver.reply([{ status: 302, headers: { location: "http://127.0.0.1:1/elsewhere" } }]);
    const before = receiver.received.length;
    const answer = await send(receiver.url("/moved"), allow("127.0.0.1"));
    expect(answer.status).toBe(302);
    expect(receiver.received.length).toBe(before + 1);
    receiver.reply([{ status: 200, body: "fine" }]);
  });

  it("gives up on an endpoint that does not answer in time", async () => {
    receiver.reply(["hang"]);
    const started = Date.now();
    await expect(send(receiver.url("/slow"), allow("127.0.0.1"), 300)).rejects.toThrow(
      /no answer within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    receiver.reply([{ status: 200, body: "fine" }]);
  });
});
