import { describe, expect, it } from "vitest";

import { csvRecord, DownloadLinkSigner, neutraliseFormula } from "../src/transfers";
import { toCell } from "../src/transfers/export/cells";

describe("neutraliseFormula", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])(
    "marks %j as text",
    (value) => {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
    },
  );

  it.each(["plain", "1+1", " =1", "", "'=already text", "a=b"])("leaves %j alone", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });

  it("touches text only: numbers, booleans and dates stay data", () => {
    expect(toCell(-5)).toBe(-5);
    expect(toCell(true)).toBe(true);
    const at = new Date("2026-01-02T03:04:05Z");
    expect(toCell(at)).toBe(at);
    expect(toCell("-5")).toBe("'-5");
    expect(toCell({ f: "=1" })).toBe('{"f":"=1"}');
    expect(toCell(["=1"])).toBe('["=1"]');
    expect(toCell(null)).toBeNull();
  });
});

describe("csvRecord", () => {
  it("quotes what needs it, doubles quotes, ends with CRLF", () => {
    expect(csvRecord(["a", "b,c", 'say "hi"', "two\nlines", " edge", null, 3, false])).toBe(
      'a,"b,c","say ""hi""","two\nlines"," edge",,3,false\r\n',
    );
    expect(csvRecord([new Date("2026-01-02T03:04:05Z")])).toBe("2026-01-02T03:04:05.000Z\r\n");
  });
});

describe("DownloadLinkSigner", () => {
  const signer = new DownloadLinkSigner(Buffer.alloc(32, 7));
  const id = "11111111-1111-4111-8111-111111111111";

  it("accepts its own unexpired token for the same transfer only", () => {
    const token = signer.token(id, new Date(Date.now() + 60_000));
    expect(() => signer.check(id, token)).not.toThrow();
    expect(() => signer.check("22222222-2222-4222-8222-222222222222", token)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => new DownloadLinkSigner(Buffer.alloc(32, 8)).check(id, token)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });

  it("refuses a forged, missing or expired token, the expired one as such", () => {
    const token = signer.token(id, new Date(Date.now() + 60_000));
    const [seconds, tag] = token.split(".");
    expect(() => signer.check(id, `${Number(seconds) + 1000}.${tag}`)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => signer.check(id, null)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => signer.check(id, "garbage")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    const old = signer.token(id, new Date(Date.now() - 1_000));
    expect(() => signer.check(id, old)).toThrow(
      expect.objectContaining({ code: "PRECONDITION_FAILED", reason: "download_link_expired" }),
    );
  });
});
