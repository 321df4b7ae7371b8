import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { planFiles } from "../src/plan";
import { readRepositoryNames } from "../src/repository";
import { templateContext } from "../src/resource/context";
import { resolveResourceSpec } from "../src/resource/parse";
import { type ResourceScope } from "../src/resource/spec";
import { webEdits, webFiles } from "../src/web/files";
import { fieldLabel } from "../src/web/helpers";

const root = fileURLToPath(new URL("../../..", import.meta.url));

const FIELDS =
  "title:string,amount:decimal,status:enum(draft|sent),dueOn:date?,notes:text?,paid:boolean,sentAt:datetime?,meta:json?,approver:user";

function spec(scope: ResourceScope) {
  return resolveResourceSpec(
    { name: "Invoice", fields: FIELDS, scope, events: false, web: true },
    readRepositoryNames(root),
  );
}

/** Renders the web pages against this tree, in memory (planFiles writes nothing). */
async function renderWeb(scope: ResourceScope) {
  const resource = spec(scope);
  const plan = await planFiles(
    root,
    webFiles(resource),
    webEdits(resource),
    templateContext(resource),
  );
  const file = (suffix: string) =>
    plan.created.find((created) => created.path.endsWith(suffix))?.content ?? "";
  return { plan, file };
}

describe("web pages of a generated resource", () => {
  it("live under the project for project scope, with a tab in the project's header", async () => {
    const { plan, file } = await renderWeb("project");
    expect(plan.created.map((created) => created.path)).toEqual([
      "apps/web/src/app/(app)/projects/[projectId]/invoices/page.tsx",
      "apps/web/src/app/(app)/projects/[projectId]/invoices/[invoiceId]/page.tsx",
      "apps/web/src/components/invoices/invoice-list-input.ts",
      "apps/web/src/components/invoices/invoice-list.tsx",
      "apps/web/src/components/invoices/invoice-detail.tsx",
      "apps/web/src/components/invoices/invoice-dialogs.tsx",
      "apps/web/e2e/invoices.spec.ts",
    ]);
    const header = plan.modified.find((edit) => edit.path.endsWith("project-header.tsx"));
    expect(header?.after).toContain('{ href: `${base}/invoices`, label: "Invoices" },');
    // Project roles decide what the pages offer; the API checks again.
    expect(file("invoice-list.tsx")).toContain('mayAct(project.data?.myRole ?? null, "editor"');
    expect(file("invoice-detail.tsx")).toContain('mayAct(myRole, "owner", viewer.permissions)');
    // A row of another project is not shown under this one.
    expect(file("[invoiceId]/page.tsx")).toContain(
      "if (invoice.projectId !== projectId) notFound();",
    );
    expect(file("invoice-list-input.ts")).toContain("projectId,");
  });

  it("live at the top level with a navigation entry for owner and public-read scopes", async () => {
    for (const scope of ["owner", "public-read"] as const) {
      const { plan, file } = await renderWeb(scope);
      expect(plan.created[0]?.path).toBe("apps/web/src/app/(app)/invoices/page.tsx");
      const nav = plan.modified.find((edit) => edit.path.endsWith("nav-items.ts"));
      expect(nav?.after).toMatch(
        /label: "Workspace",[\s\S]*\{ href: "\/invoices", label: "Invoices", icon: "folder" \},\n {4}\],\n {2}\},\n {2}\{\n {4}label: "Administration"/,
      );
      expect(file("invoice-list.tsx")).toContain('const mayCreate = can("invoice.');
    }
  });

  it("build each field's control from the shared components and read it back through fieldValue", async () => {
    const { file } = await renderWeb("project");
    const dialogs = file("invoice-dialogs.tsx");
    expect(dialogs).toContain('amount: fieldValue(values, "amount", "text", false),');
    expect(dialogs).toContain('paid: fieldValue(values, "paid", "boolean", false),');
    expect(dialogs).toContain('sentAt: fieldValue(values, "sentAt", "datetime", true),');
    expect(dialogs).toContain('meta: fieldValue(values, "meta", "json", true),');
    expect(dialogs).toContain("{INVOICE_STATUS_VALUES.map((value) => (");
    expect(dialogs).toContain('type="date"');
    expect(dialogs).toContain("ZInvoiceCreateInputSchema");
    expect(dialogs).toContain('<InvoiceFields errors={errors} prefix="data." initial={item} />');
    expect(dialogs).not.toMatch(/className="(?!mono)/);
    const spec = file("invoices.spec.ts");
    // The browser test fills every required field; the required user is the admin.
    expect(spec).toContain('await dialog.getByLabel("Amount", { exact: true }).fill("1234.50");');
    expect(spec).toContain(
      'await dialog.getByLabel("Status", { exact: true }).selectOption("draft");',
    );
    expect(spec).toContain('await dialog.getByLabel("Approver", { exact: true }).fill(me.id);');
    expect(spec).not.toContain('getByLabel("Notes"');
  });

  it("label fields in words, without the Id of a reference", () => {
    expect(fieldLabel({ name: "dueOn", column: "due_on", type: "date", optional: true })).toBe(
      "Due on",
    );
    expect(
      fieldLabel({ name: "approverId", column: "approver_id", type: "user", optional: false }),
    ).toBe("Approver");
  });
});
