import { fireEvent, screen, waitFor, within } from "@testing-library/react-native";

import { ItemScreen } from "../../src/screens/item";
import { apiError, fakeSession, renderWithSession, TOKENS, type Handler } from "./fake-api";
import {
  BOB,
  history,
  item,
  ITEM_ID,
  me,
  members,
  PROJECT_ID,
  template,
} from "./workflow-fixtures";

const mockRouter = { replace: jest.fn(), push: jest.fn(), back: jest.fn() };
jest.mock("expo-router", () => ({ useRouter: () => mockRouter }));

const approve = { key: "approve", name: "Approve", to: "paid", requiresComment: true };

function itemApi(overrides: Record<string, Handler> = {}) {
  return fakeSession(
    {
      "workflows.instances.get": () => item(),
      "workflows.templates.get": () => template,
      "workflows.instances.availableTransitions": () => ({
        instanceId: ITEM_ID,
        state: "review",
        version: 3,
        transitions: [approve],
      }),
      "workflows.instances.history": () => history,
      "projects.members.list": () => members,
      "users.me": () => me,
      ...overrides,
    },
    TOKENS,
  );
}

describe("an item", () => {
  it("shows its data fields, state, assignee and history", async () => {
    const { session } = itemApi();
    renderWithSession(session, <ItemScreen projectId={PROJECT_ID} instanceId={ITEM_ID} />);
    expect(await screen.findByRole("header", { name: "Train to Lyon" })).toBeTruthy();
    expect(await screen.findByText("Expense · In review")).toBeTruthy();
    expect(screen.getByLabelText("Amount: 80")).toBeTruthy();
    expect(screen.getByLabelText("Reason: Client visit")).toBeTruthy();
    expect(await screen.findByText("Nobody yet")).toBeTruthy();
    expect(await screen.findByText("Draft → In review by Bob")).toBeTruthy();
    expect(screen.getByText("“Receipt attached”")).toBeTruthy();
  });

  it("asks for the required comment, then shows the guard's refusal on the field it reads", async () => {
    const { session, callsTo } = itemApi({
      "workflows.instances.transition": () => {
        throw apiError({
          code: "BAD_REQUEST",
          message: "The guard of “Approve” does not hold",
          reason: "guard_failed",
          details: { guard: "amount >= 100" },
        });
      },
    });
    renderWithSession(session, <ItemScreen projectId={PROJECT_ID} instanceId={ITEM_ID} />);

    fireEvent.press(await screen.findByRole("button", { name: "Approve" }));
    fireEvent.press(screen.getByRole("button", { name: "Confirm Approve" }));
    // Required comment: refused on the phone, nothing sent.
    expect(await screen.findByText("A comment is required for this transition")).toBeTruthy();
    expect(callsTo("workflows.instances.transition")).toHaveLength(0);

    fireEvent.changeText(screen.getByLabelText("Comment (required)"), "Looks right");
    fireEvent.press(screen.getByRole("button", { name: "Confirm Approve" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The guard of “Approve” does not hold",
    );
    const amount = screen.getByTestId("field-amount");
    expect(within(amount).getByText("Needed for “Approve”: amount >= 100")).toBeTruthy();
    expect(within(screen.getByTestId("field-reason")).queryByText(/Needed for/)).toBeNull();
    expect(callsTo("workflows.instances.transition")[0]?.input).toMatchObject({
      instanceId: ITEM_ID,
      transitionKey: "approve",
      expectedVersion: 3,
      comment: "Looks right",
    });
  });

  it("shows a transition the guard holds back as unavailable, with the reason on its field", async () => {
    const { session } = itemApi({
      "workflows.instances.availableTransitions": () => ({
        instanceId: ITEM_ID,
        state: "review",
        version: 3,
        transitions: [{ ...approve, blockedBy: { guard: "amount ≥ 100" } }],
      }),
    });
    renderWithSession(session, <ItemScreen projectId={PROJECT_ID} instanceId={ITEM_ID} />);
    const button = await screen.findByRole("button", { name: "Approve" });
    expect(button).toBeDisabled();
    expect(
      within(screen.getByTestId("field-amount")).getByText("Needed for “Approve”: amount ≥ 100"),
    ).toBeTruthy();
  });

  it("moves the item and reads it again", async () => {
    let moved = false;
    const { session, callsTo } = itemApi({
      "workflows.instances.get": () => (moved ? item({ state: "paid", version: 4 }) : item()),
      "workflows.instances.transition": () => {
        moved = true;
        return { instance: item({ state: "paid", version: 4 }) };
      },
    });
    renderWithSession(session, <ItemScreen projectId={PROJECT_ID} instanceId={ITEM_ID} />);
    fireEvent.press(await screen.findByRole("button", { name: "Approve" }));
    fireEvent.changeText(screen.getByLabelText("Comment (required)"), "Fine");
    fireEvent.press(screen.getByRole("button", { name: "Confirm Approve" }));
    expect(await screen.findByText("Moved to Paid.")).toBeTruthy();
    expect(await screen.findByText("Expense · Paid")).toBeTruthy();
    expect(callsTo("workflows.instances.get").length).toBeGreaterThan(1);
  });

  it("assigns the item to a member", async () => {
    const { session, callsTo } = itemApi({
      "workflows.instances.assign": () => item({ assigneeId: BOB, version: 4 }),
    });
    renderWithSession(session, <ItemScreen projectId={PROJECT_ID} instanceId={ITEM_ID} />);
    fireEvent.press(await screen.findByRole("button", { name: "Choose someone" }));
    fireEvent.press(await screen.findByRole("button", { name: "Assign to Bob" }));
    await waitFor(() => expect(screen.getByText("Assigned to Bob.")).toBeTruthy());
    expect(callsTo("workflows.instances.assign")[0]?.input).toEqual({
      instanceId: ITEM_ID,
      assigneeId: BOB,
      expectedVersion: 3,
    });
  });
});
