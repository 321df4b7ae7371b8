import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "@playwright/test";

import { readState } from "./state";

/** Quoted-printable soft breaks and escapes, as mail bodies are written. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The newest message the worker wrote to `to` whose text matches `pattern`; waits for it. */
export async function waitForMail(to: string, pattern: RegExp): Promise<string> {
  const dir = readState().mailDir;
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(dir)
          .filter((file) => file.endsWith(".eml"))
          .sort()
          .reverse();
        for (const file of files) {
          const text = decodeQuotedPrintable(readFileSync(path.join(dir, file), "utf8"));
          if (text.includes(to) && pattern.test(text)) {
            found = text;
            return true;
          }
        }
        return false;
      },
      { timeout: 30_000, message: `an e-mail to ${to} matching ${pattern}` },
    )
    .toBe(true);
  return found ?? "";
}
