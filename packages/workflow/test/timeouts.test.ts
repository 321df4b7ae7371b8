import { describe, expect, it } from "vitest";
import { dueTimeouts } from "../src";
import { purchaseRequest } from "./fixtures";

const definition = purchaseRequest();
const enteredAt = new Date("2024-05-01T09:00:00Z");
// The submitted state expires after 120 hours.
const deadline = new Date("2024-05-06T09:00:00Z");

describe("dueTimeouts", () => {
  it("is null before the deadline", () => {
    expect(dueTimeouts(definition, "submitted", enteredAt, enteredAt)).toBeNull();
    expect(
      dueTimeouts(definition, "submitted", enteredAt, new Date(deadline.getTime() - 1)),
    ).toBeNull();
  });

  it("returns the time-out transition from the deadline on", () => {
    expect(dueTimeouts(definition, "submitted", enteredAt, deadline)).toBe("expire");
    expect(dueTimeouts(definition, "submitted", enteredAt, new Date("2024-06-01T00:00:00Z"))).toBe(
      "expire",
    );
  });

  it("handles fractional hours", () => {
    const d = purchaseRequest();
    d.states[1]!.timeout = { afterHours: 0.5, transition: "expire" };
    expect(dueTimeouts(d, "submitted", enteredAt, new Date("2024-05-01T09:29:59Z"))).toBeNull();
    expect(dueTimeouts(d, "submitted", enteredAt, new Date("2024-05-01T09:30:00Z"))).toBe("expire");
  });

  it("is null for states without a time-out, unknown states and invalid dates", () => {
    expect(dueTimeouts(definition, "draft", enteredAt, deadline)).toBeNull();
    expect(dueTimeouts(definition, "nowhere", enteredAt, deadline)).toBeNull();
    expect(dueTimeouts(definition, "submitted", new Date("nope"), deadline)).toBeNull();
  });
});
