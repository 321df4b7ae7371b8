import { validateDefinition, type WorkflowDefinition } from "@fastnext/workflow";

/** The template every benchmark instance runs on: draft → submitted → approved/rejected. */
export const benchDefinition: WorkflowDefinition = {
  dataFields: [
    { key: "amount", label: "Amount", type: "number", required: true },
    {
      key: "category",
      label: "Category",
      type: "enum",
      required: true,
      options: ["office", "it", "travel"],
    },
  ],
  states: [
    { key: "draft", name: "Draft", kind: "initial" },
    { key: "submitted", name: "Submitted", kind: "active" },
    { key: "approved", name: "Approved", kind: "final" },
    { key: "rejected", name: "Rejected", kind: "final" },
  ],
  transitions: [
    {
      key: "submit",
      name: "Submit",
      from: ["draft"],
      to: "submitted",
      allowed: { projectRoles: ["owner", "editor"] },
      requiresComment: false,
    },
    {
      key: "approve",
      name: "Approve",
      from: ["submitted"],
      to: "approved",
      allowed: { projectRoles: ["owner"] },
      requiresComment: false,
    },
    {
      key: "reject",
      name: "Reject",
      from: ["submitted"],
      to: "rejected",
      allowed: { projectRoles: ["owner"] },
      requiresComment: true,
    },
  ],
};

const validation = validateDefinition(benchDefinition);
if (!validation.ok)
  throw new Error(`bench definition is invalid: ${JSON.stringify(validation.problems)}`);
