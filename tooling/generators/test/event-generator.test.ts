import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { GeneratorError } from "../src/errors";
import { planEvent } from "../src/event/command";
import { eventSpec } from "../src/event/spec";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function refusal(options: Parameters<typeof eventSpec>[1]): string {
  try {
    eventSpec(root, options);
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    return (error as GeneratorError).message;
  }
  throw new Error(`${options.name} was accepted`);
}

describe("gen:event refuses", () => {
  it("names that are not dot.case", () => {
    for (const name of [
      "invoice",
      "Invoice.paid",
      "invoice.Paid",
      "invoice-paid",
      "invoice..paid",
    ]) {
      expect(refusal({ name })).toMatch(/is not a dot.case event name/);
    }
  });

  it("an event the catalogue has, and a handler name in use", () => {
    expect(refusal({ name: "user.registered" })).toMatch(/already in packages\/events/);
    expect(refusal({ name: "invoice.paid", handler: "notify.workflow_assigned" })).toMatch(
      /already named "notify.workflow_assigned"/,
    );
    expect(refusal({ name: "invoice.paid", handler: "Notify" })).toMatch(
      /not a dot.case handler name/,
    );
  });
});

describe("gen:event plans", () => {
  it("the catalogue entry, the handler registered in HANDLERS, and its test", async () => {
    const { spec, plan } = await planEvent(root, { name: "invoice.paid" });
    expect(spec).toMatchObject({
      payloadKey: "invoiceId",
      handlerName: "on.invoice_paid",
      handlersConst: "invoicePaidHandlers",
    });
    expect(plan.created.map((file) => file.path)).toEqual([
      "apps/worker/src/handlers/invoice-paid.ts",
      "apps/worker/test/invoice-paid.test.ts",
    ]);
    const catalogue = plan.modified.find(
      (file) => file.path === "packages/events/src/catalogue.ts",
    );
    expect(catalogue?.after).toContain('"invoice.paid": z.object({ invoiceId: id }),\n} as const;');
    const index =
      plan.modified.find((file) => file.path.endsWith("handlers/index.ts"))?.after ?? "";
    expect(index).toContain('import { invoicePaidHandlers } from "./invoice-paid";');
    expect(index).toMatch(
      /export const HANDLERS: readonly Handler\[\] = \[[^\]]*\.\.\.invoicePaidHandlers,\n\];/,
    );
    const handler = plan.created[0]?.content ?? "";
    expect(handler).toContain('name: "on.invoice_paid"');
    expect(handler).toContain("is not implemented yet");
    expect(plan.created[1]?.content).toContain(
      'expect(await runHandler(handler, eventId, ctx)).toBe("already_done")',
    );
  });
});

describe("pnpm gen:event --dry-run", () => {
  it("lists what it would write and writes nothing", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "tooling/generators/src/main.ts", "event", "invoice.paid", "--dry-run"],
      { cwd: root },
    );
    expect(stdout).toContain("would create  apps/worker/src/handlers/invoice-paid.ts");
    expect(stdout).toContain("would modify  packages/events/src/catalogue.ts");
    expect(existsSync(path.join(root, "apps/worker/src/handlers/invoice-paid.ts"))).toBe(false);
  });

  it("exits 1 with the reason on a refused name", async () => {
    const error = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "tooling/generators/src/main.ts", "event", "Invoice"],
      { cwd: root },
    ).catch((e: unknown) => e as { code: number; stderr: string });
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toContain(
      '"Invoice" is not a dot.case event name',
    );
  });
});
