/**
 * docs/api.md against the OpenAPI document it is generated from: a change
 * to a procedure's REST mapping or schemas without `pnpm docs:api` fails.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { apiDocsPath, apiMarkdown } from "../src/api-docs/markdown";

describe("docs/api.md", () => {
  it("is what pnpm docs:api generates from the current document", async () => {
    const generated = await apiMarkdown();
    expect(generated).toMatch(/\| `GET`\s+\| `\/projects\/\{id\}`\s+\|/);
    expect(readFileSync(apiDocsPath, "utf8")).toBe(generated);
  });
});
