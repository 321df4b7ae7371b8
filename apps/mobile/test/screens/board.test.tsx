import { fireEvent, screen, waitFor, within } from "@testing-library/react-native";

import { BoardScreen } from "../../src/screens/board";
import { fakeSession, renderWithSession, TOKENS } from "./fake-api";
import { item, PROJECT_ID, projectTemplates, template } from "./workflow-fixtures";

const mockRouter = { replace: jest.fn(), push: jest.fn(), back: jest.fn() };
jest.mock("expo-router", () => ({ useRouter: () => mockRouter }));

function board() {
  return fakeSession(
    {
      "projects.get": () => ({ id: PROJECT_ID, name: "Travel", archivedAt: null }),
      "projects.templates.list": () => projectTemplates,
      "workflows.templates.get": () => template,
      "workflows.instances.list": (input) => {
        const { search } = input as { search?: string };
        const all = [
          item({
            id: "4b5c6d7e-0000-4000-8000-0000000000a1",
            title: "Train to Lyon",
            state: "review",
          }),
          item({
            id: "4b5c6d7e-0000-4000-8000-0000000000a2",
            title: "Hotel Lyon",
            state: "review",
          }),
          item({ id: "4b5c6d7e-0000-4000-8000-0000000000a3", title: "Taxi", state: "draft" }),
          item({ id: "4b5c6d7e-0000-4000-8000-0000000000a4", title: "Old one", state: "legacy" }),
        ];
        return {
          items: search ? all.filter((one) => one.title.includes(search)) : all,
          nextCursor: null,
        };
      },
    },
    TOKENS,
  );
}

describe("the board", () => {
  it("shows the template's states as columns, in order, with their cards", async () => {
    const { session } = board();
    renderWithSession(session, <BoardScreen projectId={PROJECT_ID} />);

    expect(await screen.findByRole("header", { name: "Travel" })).toBeTruthy();
    const columns = await screen.findAllByRole("header", { name: /Draft|In review|Paid|legacy/ });
    expect(columns.map((column) => column.props.children as string)).toEqual([
      "Draft",
      "In review",
      "Paid",
      "legacy",
    ]);
    const review = screen.getByLabelText("In review, 2 items");
    expect(
      within(review).getByRole("button", { name: /^Train to Lyon, in In review/ }),
    ).toBeTruthy();
    expect(within(review).getByRole("button", { name: /^Hotel Lyon/ })).toBeTruthy();
    expect(within(screen.getByLabelText("Paid, 0 items")).getByText("Nothing here")).toBeTruthy();
    // An item in a state the template dropped keeps a column of its own.
    expect(within(screen.getByLabelText("legacy, 1 item")).getByText("Old one")).toBeTruthy();
    expect(screen.getByLabelText("Board columns").props.horizontal).toBe(true);

    fireEvent.press(screen.getByRole("button", { name: /^Taxi/ }));
    expect(mockRouter.push).toHaveBeenCalledWith(
      `/projects/${PROJECT_ID}/items/4b5c6d7e-0000-4000-8000-0000000000a3`,
    );
  });

  it("searches the items by title", async () => {
    const { session, callsTo } = board();
    renderWithSession(session, <BoardScreen projectId={PROJECT_ID} />);
    fireEvent.changeText(await screen.findByLabelText("Search items"), "Lyon");
    // The search goes out once typing pauses (300 ms), not per keystroke.
    await waitFor(() =>
      expect(callsTo("workflows.instances.list").at(-1)?.input).toMatchObject({
        projectId: PROJECT_ID,
        templateKey: "expense",
        search: "Lyon",
      }),
    );
    expect(callsTo("workflows.instances.list")).toHaveLength(2);
    await waitFor(() => expect(screen.queryByText("Taxi")).toBeNull());
    expect(screen.getByLabelText("In review, 2 items")).toBeTruthy();
  });

  it("says so when the project has no published workflow", async () => {
    const { session } = fakeSession({
      "projects.get": () => ({ id: PROJECT_ID, name: "Empty", archivedAt: null }),
      "projects.templates.list": () => ({ items: [] }),
    });
    renderWithSession(session, <BoardScreen projectId={PROJECT_ID} />);
    expect(await screen.findByText(/No published workflow yet/)).toBeTruthy();
  });
});
