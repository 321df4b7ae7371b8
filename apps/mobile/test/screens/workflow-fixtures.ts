/** A small expense workflow as the API answers it: three states, a guarded approval. */
export const PROJECT_ID = "4b5c6d7e-0000-4000-8000-000000000001";
export const TEMPLATE_ID = "4b5c6d7e-0000-4000-8000-000000000002";
export const ITEM_ID = "4b5c6d7e-0000-4000-8000-000000000003";
export const ME = "4b5c6d7e-0000-4000-8000-000000000004";
export const BOB = "4b5c6d7e-0000-4000-8000-000000000005";

const at = new Date("2026-11-02T09:00:00Z");

export const definition = {
  dataFields: [
    { key: "amount", label: "Amount", type: "number", required: true },
    { key: "reason", label: "Reason", type: "text", required: false },
  ],
  states: [
    { key: "draft", name: "Draft", kind: "initial" },
    { key: "review", name: "In review", kind: "intermediate", color: "#2563eb" },
    { key: "paid", name: "Paid", kind: "final" },
  ],
  transitions: [
    {
      key: "submit",
      name: "Submit",
      from: ["draft"],
      to: "review",
      allowed: {},
      requiresComment: false,
    },
    {
      key: "approve",
      name: "Approve",
      from: ["review"],
      to: "paid",
      allowed: {},
      guard: { op: "gte", field: "amount", value: 100 },
      requiresComment: true,
    },
  ],
};

export const template = {
  id: TEMPLATE_ID,
  key: "expense",
  name: "Expense",
  version: 1,
  status: "published",
  definition,
};

export const projectTemplates = {
  items: [
    {
      key: "expense",
      name: "Expense",
      usable: true,
      published: { id: TEMPLATE_ID, version: 1 },
    },
  ],
};

export function item(overrides: Record<string, unknown> = {}) {
  return {
    id: ITEM_ID,
    projectId: PROJECT_ID,
    templateId: TEMPLATE_ID,
    template: { key: "expense", version: 1, name: "Expense" },
    title: "Train to Lyon",
    data: { amount: 80, reason: "Client visit" },
    state: "review",
    version: 3,
    assigneeId: null,
    stateEnteredAt: at,
    completedAt: null,
    createdById: ME,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const members = {
  items: [
    { userId: ME, name: "Ada", role: "owner" },
    { userId: BOB, name: "Bob", role: "editor" },
  ],
  nextCursor: null,
};

export const me = { user: { id: ME, name: "Ada", email: "ada@example.com" } };

export const history = {
  items: [
    {
      id: "4b5c6d7e-0000-4000-8000-000000000010",
      instanceId: ITEM_ID,
      transitionKey: null,
      fromState: null,
      toState: "draft",
      actorId: ME,
      comment: null,
      versionAfter: 1,
      createdAt: at,
    },
    {
      id: "4b5c6d7e-0000-4000-8000-000000000011",
      instanceId: ITEM_ID,
      transitionKey: "submit",
      fromState: "draft",
      toState: "review",
      actorId: BOB,
      comment: "Receipt attached",
      versionAfter: 2,
      createdAt: at,
    },
  ],
  nextCursor: null,
};
