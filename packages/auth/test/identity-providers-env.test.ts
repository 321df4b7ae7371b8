import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { readIdentityProvidersEnv } from "../src/env";

function problemsOf(source: Record<string, string>): string[] {
  try {
    readIdentityProvidersEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe("identity providers from the environment", () => {
  it("turns on none without variables, and the phone flow has no redirect URI", () => {
    expect(readIdentityProvidersEnv({})).toEqual({
      providers: [],
      redirectUris: [],
      codeTtlSeconds: 60,
      publicUrl: undefined,
    });
  });

  it("turns on each provider by its own id and secret, and only that one", () => {
    const pairs = {
      github: { AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" },
      google: { AUTH_GOOGLE_ID: "g-id", AUTH_GOOGLE_SECRET: "g-secret" },
      entra: { AUTH_ENTRA_ID: "e-id", AUTH_ENTRA_SECRET: "e-secret", AUTH_ENTRA_TENANT: "contoso" },
      oidc: {
        AUTH_OIDC_ISSUER: "https://sso.example.com/realm/",
        AUTH_OIDC_ID: "o-id",
        AUTH_OIDC_SECRET: "o-secret",
        AUTH_OIDC_NAME: "Example SSO",
      },
    };
    for (const [id, variables] of Object.entries(pairs)) {
      const { providers } = readIdentityProvidersEnv(variables);
      expect(providers.map((provider) => provider.id)).toEqual([id]);
    }
    const all = readIdentityProvidersEnv({
      ...pairs.github,
      ...pairs.google,
      ...pairs.entra,
      ...pairs.oidc,
    });
    expect(all.providers.map(({ id, name, issuer }) => ({ id, name, issuer }))).toEqual([
      { id: "github", name: "GitHub", issuer: undefined },
      { id: "google", name: "Google", issuer: "https://accounts.google.com" },
      { id: "entra", name: "Microsoft", issuer: "https://login.microsoftonline.com/contoso/v2.0" },
      { id: "oidc", name: "Example SSO", issuer: "https://sso.example.com/realm" },
    ]);
  });

  it("refuses a half-configured provider instead of leaving it silently off", () => {
    expect(problemsOf({ AUTH_GITHUB_ID: "gh-id" })).toEqual(["AUTH_GITHUB_SECRET"]);
    expect(problemsOf({ AUTH_GOOGLE_SECRET: "g-secret" })).toEqual(["AUTH_GOOGLE_ID"]);
    expect(problemsOf({ AUTH_OIDC_ID: "o-id", AUTH_OIDC_SECRET: "o-secret" })).toEqual([
      "AUTH_OIDC_ISSUER",
    ]);
    expect(problemsOf({ AUTH_OIDC_ISSUER: "https://sso.example.com" })).toEqual(["AUTH_OIDC_ID"]);
    expect(problemsOf({ AUTH_OIDC_ISSUER: "not a url" })).toEqual(["AUTH_OIDC_ISSUER"]);
  });

  it("takes redirect URIs one by one, exactly: no wildcard, no relative URI, no fragment", () => {
    expect(
      readIdentityProvidersEnv({
        AUTH_OAUTH_REDIRECT_URIS: "fastnext://auth, https://cli.example.com/cb",
      }).redirectUris,
    ).toEqual(["fastnext://auth", "https://cli.example.com/cb"]);
    for (const bad of [
      "fastnext://*",
      "https://*.example.com/cb",
      "/relative",
      "https://a.example/cb#x",
    ]) {
      expect(problemsOf({ AUTH_OAUTH_REDIRECT_URIS: bad })).toEqual(["AUTH_OAUTH_REDIRECT_URIS"]);
    }
    expect(problemsOf({ AUTH_OAUTH_CODE_TTL_SECONDS: "5" })).toEqual([
      "AUTH_OAUTH_CODE_TTL_SECONDS",
    ]);
  });
});
