import { describe, expect, it } from "vitest";

import { GeneratorError } from "../src/errors";
import { type RepositoryNames } from "../src/repository";
import { resolveResourceSpec, type ResourceOptions } from "../src/resource/parse";

const repository: RepositoryNames = {
  models: new Set(["User", "Project", "Customer"]),
  tables: new Set(["users", "projects", "customers"]),
  routers: new Set(["projects", "workflows"]),
  permissionPrefixes: new Set(["project", "workflow"]),
};

const options = (changes: Partial<ResourceOptions> = {}): ResourceOptions => ({
  name: "LineItem",
  fields:
    "title:string,amount:decimal?,status:enum(open|in_review|done),approver:user?,customer:Customer?",
  scope: "project",
  events: true,
  web: false,
  ...changes,
});

/** The issues a refused spec reports, by option. */
function issuesOf(given: Partial<ResourceOptions>): Record<string, string> {
  try {
    resolveResourceSpec(options(given), repository);
  } catch (error) {
    if (error instanceof GeneratorError) return { ...error.issues };
    throw error;
  }
  throw new Error("expected the spec to be refused");
}

describe("resolveResourceSpec", () => {
  it("derives every name and reads each field", () => {
    const spec = resolveResourceSpec(options(), repository);
    expect(spec).toMatchObject({
      name: "LineItem",
      plural: "LineItems",
      camel: "lineItem",
      camelPlural: "lineItems",
      kebab: "line-item",
      kebabPlural: "line-items",
      table: "line_items",
      scope: "project",
      events: true,
      web: false,
    });
    expect(spec.fields).toEqual([
      { name: "title", column: "title", type: "string", optional: false },
      { name: "amount", column: "amount", type: "decimal", optional: true },
      {
        name: "status",
        column: "status",
        type: "enum",
        optional: false,
        enumValues: ["open", "in_review", "done"],
      },
      { name: "approverId", column: "approver_id", type: "user", optional: true },
      { name: "customerId", column: "customer_id", type: "ref", optional: true, ref: "Customer" },
    ]);
    expect(
      resolveResourceSpec(options({ fields: "title:string,buyer:ref(Customer)?" }), repository)
        .fields[1],
    ).toMatchObject({ name: "buyerId", type: "ref", ref: "Customer", optional: true });
  });

  it("refuses names that are not PascalCase singular, reserved or taken", () => {
    expect(issuesOf({ name: "lineItem" }).name).toMatch(/PascalCase/);
    expect(issuesOf({ name: "Invoices" }).name).toMatch(/singular/);
    expect(issuesOf({ name: "Order" }).name).toMatch(/reserved/);
    expect(issuesOf({ name: "Project" }).name).toMatch(/model named Project exists/);
    expect(issuesOf({ name: "Workflow" }).name).toMatch(/root router has "workflows"/);
  });

  it("refuses bad fields, naming each problem", () => {
    expect(issuesOf({ fields: "" }).fields).toMatch(/at least one field/);
    expect(issuesOf({ fields: "title:string,Amount:int" }).fields).toMatch(
      /"Amount" must be camelCase/,
    );
    expect(issuesOf({ fields: "title:string,size:bigint" }).fields).toMatch(
      /unknown type "bigint"/,
    );
    expect(issuesOf({ fields: "title:string,title:text" }).fields).toMatch(/title: appears twice/);
    expect(issuesOf({ fields: "title:string,createdAt:datetime" }).fields).toMatch(
      /createdAt: every resource has this field already/,
    );
    expect(issuesOf({ fields: "title:string,select:int" }).fields).toMatch(/reserved/);
    expect(issuesOf({ fields: "title:string,state:enum(open)" }).fields).toMatch(/at least two/);
    expect(issuesOf({ fields: "title:string,state:enum(Open|closed)" }).fields).toMatch(
      /"Open" must be snake_case/,
    );
    expect(issuesOf({ fields: "title:string,seller:Vendor" }).fields).toMatch(
      /no model named "Vendor"/,
    );
    expect(issuesOf({ fields: "title:string,buyer:Customer" }).fields).toMatch(/optional/);
    expect(issuesOf({ fields: "title:string,a:Customer?,b:ref(Customer)?" }).fields).toMatch(
      /same model/,
    );
    expect(issuesOf({ fields: "note:text" }).fields).toMatch(/required string field/);
    expect(issuesOf({ fields: "title" }).fields).toMatch(/not name:type/);
  });

  it("reports every problem at once", () => {
    expect(Object.keys(issuesOf({ name: "x", fields: "a:nope", scope: "team" })).sort()).toEqual([
      "fields",
      "name",
      "scope",
    ]);
  });
});
