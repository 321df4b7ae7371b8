import { describe, expect, it } from "vitest";
import { availableTransitions, planTransition } from "../src";
import { actor, purchaseRequest } from "./fixtures";

const definition = purchaseRequest();
const small = { title: "Chair", amount: 200, category: "office" };
const large = { title: "Laptop", amount: 1500, category: "it" };

function keysFor(a: ReturnType<typeof actor>, state: string, data = small): string[] {
  return availableTransitions(definition, { state, data, actor: a }).map((t) => t.key);
}

describe("availableTransitions", () => {
  it("depends on the project role", () => {
    expect(keysFor(actor({ projectRole: "owner" }), "submitted")).toEqual([
      "withdraw",
      "approve",
      "reject",
    ]);
    expect(keysFor(actor({ projectRole: "editor" }), "submitted")).toEqual(["withdraw"]);
    expect(keysFor(actor({ projectRole: "viewer" }), "submitted")).toEqual([]);
    expect(keysFor(actor(), "submitted")).toEqual([]);
  });

  it("lets a permission holder act without a project role", () => {
    const manager = actor({ permissions: new Set(["purchase.manager"]) });
    expect(keysFor(manager, "submitted", large)).toEqual(["manager_approve", "reject"]);
    const buyer = actor({ permissions: new Set(["purchase.order"]), projectRole: "viewer" });
    expect(keysFor(buyer, "approved")).toEqual(["order"]);
  });

  it("gives a superuser every transition leaving the state", () => {
    expect(keysFor(actor({ isSuperuser: true }), "submitted")).toEqual([
      "withdraw",
      "approve",
      "manager_approve",
      "reject",
      "expire",
    ]);
  });

  it("returns nothing from a final or unknown state", () => {
    expect(keysFor(actor({ isSuperuser: true }), "ordered")).toEqual([]);
    expect(keysFor(actor({ isSuperuser: true }), "nowhere")).toEqual([]);
  });

  it("lists guard-blocked transitions with the reason", () => {
    const list = availableTransitions(definition, {
      state: "submitted",
      data: large,
      actor: actor({ projectRole: "owner" }),
    });
    expect(list).toEqual([
      { key: "withdraw", name: "Withdraw", to: "draft", requiresComment: false },
      {
        key: "approve",
        name: "Approve",
        to: "approved",
        requiresComment: false,
        blockedBy: { guard: "amount <= 1000" },
      },
      { key: "reject", name: "Reject", to: "rejected", requiresComment: true },
    ]);
  });

  it("blocks the manager approval for small amounts", () => {
    const list = availableTransitions(definition, {
      state: "submitted",
      data: small,
      actor: actor({ permissions: new Set(["purchase.manager"]) }),
    });
    expect(list.find((t) => t.key === "manager_approve")?.blockedBy).toEqual({
      guard: "amount > 1000",
    });
  });
});

describe("planTransition", () => {
  const owner = actor({ projectRole: "owner" });
  const manager = actor({ permissions: new Set(["purchase.manager"]) });

  it("fails with unknown_transition", () => {
    const plan = planTransition(definition, {
      state: "submitted",
      data: small,
      actor: owner,
      transitionKey: "teleport",
    });
    expect(plan).toMatchObject({ ok: false, reason: "unknown_transition" });
  });

  it("fails with not_from_current_state", () => {
    const plan = planTransition(definition, {
      state: "draft",
      data: small,
      actor: owner,
      transitionKey: "approve",
    });
    expect(plan).toMatchObject({ ok: false, reason: "not_from_current_state" });
  });

  it("fails with not_allowed, before looking at the guard", () => {
    const plan = planTransition(definition, {
      state: "submitted",
      data: small,
      actor: owner,
      transitionKey: "manager_approve",
    });
    expect(plan).toEqual({
      ok: false,
      reason: "not_allowed",
      message: 'You are not allowed to perform "Approve as manager".',
    });
  });

  it("fails with guard_failed and names the guard", () => {
    const plan = planTransition(definition, {
      state: "submitted",
      data: small,
      actor: manager,
      transitionKey: "manager_approve",
    });
    expect(plan).toEqual({
      ok: false,
      reason: "guard_failed",
      message: '"Approve as manager" requires amount > 1000.',
      guard: "amount > 1000",
    });
  });

  it("fails with comment_required for a missing or blank comment", () => {
    for (const comment of [undefined, null, "", "   "]) {
      const plan = planTransition(definition, {
        state: "submitted",
        data: small,
        actor: owner,
        transitionKey: "reject",
        comment,
      });
      expect(plan).toMatchObject({ ok: false, reason: "comment_required" });
    }
  });

  it("succeeds and returns the move and the transition", () => {
    const plan = planTransition(definition, {
      state: "submitted",
      data: large,
      actor: manager,
      transitionKey: "manager_approve",
    });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.from).toBe("submitted");
    expect(plan.to).toBe("approved");
    expect(plan.transition.key).toBe("manager_approve");

    const rejected = planTransition(definition, {
      state: "approved",
      data: large,
      actor: owner,
      transitionKey: "reject",
      comment: "Budget frozen",
    });
    expect(rejected).toMatchObject({ ok: true, from: "approved", to: "rejected" });
  });

  it("lets a superuser past permissions but not past the guard", () => {
    const root = actor({ isSuperuser: true });
    expect(
      planTransition(definition, {
        state: "submitted",
        data: small,
        actor: root,
        transitionKey: "manager_approve",
      }),
    ).toMatchObject({ ok: false, reason: "guard_failed" });
    expect(
      planTransition(definition, {
        state: "submitted",
        data: small,
        actor: root,
        transitionKey: "approve",
      }),
    ).toMatchObject({ ok: true, to: "approved" });
  });
});
