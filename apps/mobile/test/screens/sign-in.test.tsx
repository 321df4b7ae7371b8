import { fireEvent, screen, waitFor } from "@testing-library/react-native";

import { SignInScreen } from "../../src/screens/sign-in";
import { apiError, fakeSession, renderWithSession, TOKENS } from "./fake-api";

const mockRouter = { replace: jest.fn(), push: jest.fn(), back: jest.fn() };
jest.mock("expo-router", () => ({ useRouter: () => mockRouter }));

beforeEach(() => {
  mockRouter.replace.mockClear();
  mockRouter.push.mockClear();
});

const USER = { id: "7b0c7f0e-0000-4000-8000-000000000001", name: "Ada", email: "ada@example.com" };
const CHALLENGE = "challenge-token-0123456789-abcdefghij";

function enterPassword() {
  fireEvent.changeText(screen.getByLabelText("E-mail"), " Ada@Example.com ");
  fireEvent.changeText(screen.getByLabelText("Password"), "correct horse battery");
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
}

describe("sign-in", () => {
  it("signs in with e-mail and password and opens the projects", async () => {
    const { session, tokens, callsTo } = fakeSession({
      "auth.login": () => ({
        status: "signed_in",
        ...TOKENS,
        expiresIn: 900,
        user: USER,
        passwordExpired: false,
      }),
    });
    renderWithSession(session, <SignInScreen />);
    enterPassword();

    await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith("/projects"));
    expect(callsTo("auth.login")[0]?.input).toMatchObject({
      email: "ada@example.com",
      password: "correct horse battery",
    });
    expect(await tokens.get()).toEqual({
      accessToken: TOKENS.accessToken,
      refreshToken: TOKENS.refreshToken,
    });
    expect(session.status).toBe("signed_in");
  });

  it("asks for the two-factor code, refuses a wrong one on its field, then accepts the right one", async () => {
    const { session, tokens, callsTo } = fakeSession({
      "auth.login": () => ({
        status: "two_factor_required",
        challengeToken: CHALLENGE,
        expiresIn: 300,
      }),
      "auth.verifyTwoFactor": (input) => {
        const { code } = input as { code: string };
        if (code !== "123456") {
          throw apiError({
            code: "UNAUTHORIZED",
            message: "The code is not correct",
            reason: "invalid_code",
            fieldErrors: { code: ["The code is not correct"] },
          });
        }
        return {
          status: "signed_in",
          ...TOKENS,
          expiresIn: 900,
          user: USER,
          passwordExpired: false,
        };
      },
    });
    renderWithSession(session, <SignInScreen />);
    enterPassword();

    expect(await screen.findByRole("header", { name: "Two-factor sign-in" })).toBeTruthy();
    expect(await tokens.get()).toBeNull();

    fireEvent.changeText(screen.getByLabelText("Code"), "654 321");
    fireEvent.press(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The code is not correct");
    // The message is under the field too, and nothing was stored or opened.
    expect(screen.getAllByText("The code is not correct")).toHaveLength(2);
    expect(callsTo("auth.verifyTwoFactor")[0]?.input).toEqual({
      challengeToken: CHALLENGE,
      code: "654321",
    });
    expect(await tokens.get()).toBeNull();
    expect(mockRouter.replace).not.toHaveBeenCalled();

    fireEvent.changeText(screen.getByLabelText("Code"), "123456");
    fireEvent.press(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith("/projects"));
    expect((await tokens.get())?.refreshToken).toBe(TOKENS.refreshToken);
  });

  it("goes back to the password step when the challenge is spent", async () => {
    const { session } = fakeSession({
      "auth.login": () => ({
        status: "two_factor_required",
        challengeToken: CHALLENGE,
        expiresIn: 300,
      }),
      "auth.verifyTwoFactor": () => {
        throw apiError({
          code: "UNAUTHORIZED",
          message: "Too many wrong codes: sign in again",
          reason: "challenge_exhausted",
        });
      },
    });
    renderWithSession(session, <SignInScreen />);
    enterPassword();
    fireEvent.changeText(await screen.findByLabelText("Code"), "111111");
    fireEvent.press(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Too many wrong codes: sign in again",
    );
    expect(screen.getByRole("header", { name: "Sign in" })).toBeTruthy();
  });

  it("checks the form before sending anything", async () => {
    const { session, calls } = fakeSession({});
    renderWithSession(session, <SignInScreen />);
    fireEvent.changeText(screen.getByLabelText("E-mail"), "not an address");
    fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter a valid e-mail address")).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it("says plainly when the server cannot be reached", async () => {
    const { session } = fakeSession({
      "auth.login": () => {
        throw new TypeError("Network request failed");
      },
    });
    renderWithSession(session, <SignInScreen />);
    enterPassword();
    expect(await screen.findByRole("alert")).toHaveTextContent(
      /Not sent: the server could not be reached/,
    );
  });
});
