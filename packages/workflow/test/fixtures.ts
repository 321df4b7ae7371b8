import { type Actor, type WorkflowDefinition } from "../src";

/**
 * A realistic purchase request template: small purchases can be approved by
 * a regular approver (or the project owner), anything above 1000 needs a
 * manager. Submitted requests that nobody handles expire after five days.
 */
export function purchaseRequest(): WorkflowDefinition {
  return {
    dataFields: [
      { key: "title", label: "Title", type: "string", required: true },
      { key: "amount", label: "Amount (EUR)", type: "number", required: true },
      {
        key: "category",
        label: "Category",
        type: "enum",
        required: true,
        options: ["office", "it", "travel"],
      },
      { key: "needed_by", label: "Needed by", type: "date", required: false },
      { key: "urgent", label: "Urgent", type: "boolean", required: false },
    ],
    states: [
      { key: "draft", name: "Draft", kind: "initial", color: "#9ca3af" },
      {
        key: "submitted",
        name: "Submitted",
        kind: "active",
        color: "#3b82f6",
        timeout: { afterHours: 120, transition: "expire" },
      },
      { key: "approved", name: "Approved", kind: "active", color: "#22c55e" },
      { key: "rejected", name: "Rejected", kind: "final", color: "#ef4444" },
      { key: "ordered", name: "Ordered", kind: "final" },
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
        key: "withdraw",
        name: "Withdraw",
        from: ["submitted"],
        to: "draft",
        allowed: { projectRoles: ["owner", "editor"] },
        requiresComment: false,
      },
      {
        key: "approve",
        name: "Approve",
        from: ["submitted"],
        to: "approved",
        allowed: { permissions: ["purchase.approve"], projectRoles: ["owner"] },
        guard: { op: "lte", field: "amount", value: 1000 },
        requiresComment: false,
      },
      {
        key: "manager_approve",
        name: "Approve as manager",
        from: ["submitted"],
        to: "approved",
        allowed: { permissions: ["purchase.manager"] },
        guard: { op: "gt", field: "amount", value: 1000 },
        requiresComment: false,
      },
      {
        key: "reject",
        name: "Reject",
        from: ["submitted", "approved"],
        to: "rejected",
        allowed: { permissions: ["purchase.approve", "purchase.manager"], projectRoles: ["owner"] },
        requiresComment: true,
      },
      {
        key: "expire",
        name: "Expire",
        from: ["submitted"],
        to: "rejected",
        allowed: { permissions: ["purchase.admin"] },
        requiresComment: false,
      },
      {
        key: "order",
        name: "Mark as ordered",
        from: ["approved"],
        to: "ordered",
        allowed: { permissions: ["purchase.order"] },
        requiresComment: false,
      },
    ],
  };
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  return { permissions: new Set(), projectRole: null, isSuperuser: false, ...overrides };
}
