import { describe, expect, it } from "vitest";

import {
  isPublicAddress,
  parseAllowList,
  refusedDestination,
  verifyWebhookSignature,
  webhookSignatureHeader,
  EMPTY_ALLOW_LIST,
} from "../src/webhooks";

describe("the webhook address policy", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.5",
    "172.16.3.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "2002:7f00:1::",
  ])("%s is not public", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])("%s is public", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses non-public literals and local names at registration unless allowed", () => {
    const check = (url: string, entries: string[] = []) => {
      const allow = parseAllowList(entries);
      if ("invalid" in allow) throw new Error(allow.invalid);
      return refusedDestination(new URL(url), allow);
    };
    expect(check("http://127.0.0.1:8080/hook")).toMatch(/public/);
    expect(check("http://[::1]/hook")).toMatch(/public/);
    expect(check("http://0x7f.1/hook")).toMatch(/public/);
    expect(check("http://localhost/hook")).toMatch(/public/);
    expect(check("http://printer.local/hook")).toMatch(/public/);
    expect(check("https://hooks.example.com/x")).toBeNull();
    expect(check("https://93.184.215.14/x")).toBeNull();
    expect(check("http://127.0.0.1:8080/hook", ["127.0.0.1"])).toBeNull();
    expect(check("http://10.2.3.4/hook", ["10.0.0.0/8"])).toBeNull();
    expect(check("http://localhost/hook", ["localhost"])).toBeNull();
    expect(check("http://10.2.3.4/hook", ["127.0.0.1"])).toMatch(/public/);
  });

  it("names an allow-list entry that is nothing it knows", () => {
    expect(parseAllowList(["127.0.0.1", "not a host!"])).toEqual({ invalid: "not a host!" });
    expect(parseAllowList([" ", ""])).toEqual(EMPTY_ALLOW_LIST);
  });
});

describe("webhook signatures", () => {
  const body = '{"id":"1","event":"webhook.ping"}';
  const now = new Date("2026-12-04T10:00:00Z");
  const timestamp = Math.floor(now.getTime() / 1000);

  it("verifies with the secret over timestamp and body, with either of two secrets", () => {
    const header = webhookSignatureHeader(["whsec_new", "whsec_old"], timestamp, body);
    expect(header).toMatch(/^v1=[0-9a-f]{64}, v1=[0-9a-f]{64}$/);
    for (const secret of ["whsec_new", "whsec_old"])
      expect(
        verifyWebhookSignature({
          secret,
          signature: header,
          timestamp: String(timestamp),
          body,
          now,
        }),
      ).toBe(true);
  });

  it("refuses another secret, a changed body or timestamp, and an old timestamp", () => {
    const header = webhookSignatureHeader(["whsec_a"], timestamp, body);
    const base = { secret: "whsec_a", signature: header, timestamp: String(timestamp), body, now };
    expect(verifyWebhookSignature({ ...base, secret: "whsec_b" })).toBe(false);
    expect(verifyWebhookSignature({ ...base, body: `${body} ` })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: String(timestamp + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...base, now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: "soon" })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: "v1=zz" })).toBe(false);
  });
});
