import { QueryClient } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react-native";

import { AccountScreen } from "../../src/screens/account";
import { SessionProvider } from "../../src/session/session-context";
import { fakeSession, TOKENS } from "./fake-api";
import { me } from "./workflow-fixtures";

const mockRouter = { replace: jest.fn(), push: jest.fn(), back: jest.fn() };
jest.mock("expo-router", () => ({ useRouter: () => mockRouter }));

const at = new Date("2026-11-02T09:00:00Z");
const devices = [
  {
    id: "5b5c6d7e-0000-4000-8000-000000000001",
    deviceLabel: "FastNext on iOS",
    current: true,
    lastUsedAt: at,
  },
  {
    id: "5b5c6d7e-0000-4000-8000-000000000002",
    deviceLabel: "Laptop",
    current: false,
    lastUsedAt: at,
  },
];

function account(logout: () => unknown) {
  const fake = fakeSession(
    {
      "users.me": () => me,
      "auth.sessions.list": () => devices,
      "auth.logout": logout,
      "auth.sessions.revoke": () => ({ ok: true }),
    },
    TOKENS,
  );
  const cache = new QueryClient();
  // The account screen stays mounted here (no navigator), so its queries
  // would fill the cache again at once: the test watches the clearing itself.
  const cleared = jest.spyOn(cache, "clear");
  render(
    <SessionProvider session={fake.session} queryClient={cache}>
      <AccountScreen />
    </SessionProvider>,
  );
  return { ...fake, cache, cleared };
}

beforeEach(() => mockRouter.replace.mockClear());

describe("sign-out", () => {
  it("ends the session on the server and forgets the tokens and every cached answer", async () => {
    const { session, tokens, cache, cleared, callsTo } = account(() => ({ ok: true }));
    await session.restore();
    expect(await screen.findByRole("header", { name: "Ada" })).toBeTruthy();
    expect(await screen.findByText("FastNext on iOS (this phone)")).toBeTruthy();
    expect(cache.getQueryData(["users.me"])).toBeDefined();

    fireEvent.press(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith("/sign-in"));
    expect(callsTo("auth.logout")[0]?.input).toEqual({ refreshToken: TOKENS.refreshToken });
    expect(await tokens.get()).toBeNull();
    expect(cleared).toHaveBeenCalledTimes(1);
    expect(session.status).toBe("signed_out");
  });

  it("forgets everything on the phone even when the server cannot be reached", async () => {
    const { session, tokens, cleared } = account(() => {
      throw new TypeError("Network request failed");
    });
    await session.restore();
    expect(await screen.findByRole("header", { name: "Ada" })).toBeTruthy();

    fireEvent.press(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith("/sign-in"));
    expect(await tokens.get()).toBeNull();
    expect(cleared).toHaveBeenCalledTimes(1);
    expect(session.status).toBe("signed_out");
  });

  it("signs another device out", async () => {
    const { callsTo } = account(() => ({ ok: true }));
    fireEvent.press(await screen.findByRole("button", { name: "Sign out Laptop" }));
    await waitFor(() => expect(callsTo("auth.sessions.revoke")).toHaveLength(1));
  });
});
