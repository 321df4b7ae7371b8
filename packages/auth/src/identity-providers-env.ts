import { z } from "zod";

import {
  EnvError,
  parseEnv,
  type EnvDocs,
  type EnvProblem,
  type EnvSource,
} from "@fastnext/config";

/** An external identity provider turned on by its variables. */
export interface IdentityProviderConfig {
  id: "github" | "google" | "entra" | "oidc";
  /** Shown on the sign-in page ("Sign in with …"). */
  name: string;
  clientId: string;
  clientSecret: string;
  /**
   * The OpenID Connect issuer (its discovery document is read from
   * `<issuer>/.well-known/openid-configuration`); absent for GitHub, which
   * speaks OAuth 2 only.
   */
  issuer?: string;
}

export interface IdentityProvidersEnv {
  /** Only the providers whose client id and secret are both set, in sign-in page order. */
  providers: readonly IdentityProviderConfig[];
  /** Exact redirect URIs phones and scripts may ask the one-time code to be sent to. */
  redirectUris: readonly string[];
  /** Seconds a one-time code stays redeemable. */
  codeTtlSeconds: number;
  /** The public origin the provider sends the browser back to (`<origin>/api/oauth/<id>/callback`); unset: the request's. */
  publicUrl: string | undefined;
}

const optionalText = z.string().trim().min(1).optional();

const ZRedirectUrisSchema = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((uri) => uri.trim())
      .filter(Boolean),
  )
  .superRefine((uris, ctx) => {
    for (const uri of uris) {
      // Matched exactly, character for character: a pattern would be an open redirect.
      if (uri.includes("*")) {
        ctx.addIssue({ code: "custom", message: `"${uri}": wildcards are refused, list each URI` });
        continue;
      }
      if (!URL.canParse(uri) || uri.includes("#")) {
        ctx.addIssue({
          code: "custom",
          message: `"${uri}" is not an absolute URI without fragment`,
        });
      }
    }
  });

export const identityProvidersEnvShape = {
  AUTH_GITHUB_ID: optionalText,
  AUTH_GITHUB_SECRET: optionalText,
  AUTH_GOOGLE_ID: optionalText,
  AUTH_GOOGLE_SECRET: optionalText,
  AUTH_ENTRA_ID: optionalText,
  AUTH_ENTRA_SECRET: optionalText,
  /** The directory (tenant) id; `organizations` or `common` let other tenants in. */
  AUTH_ENTRA_TENANT: z.string().trim().min(1).default("organizations"),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: optionalText,
  AUTH_OIDC_SECRET: optionalText,
  AUTH_OIDC_NAME: z.string().trim().min(1).max(60).default("Single sign-on"),
  AUTH_OAUTH_REDIRECT_URIS: ZRedirectUrisSchema,
  AUTH_OAUTH_CODE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  AUTH_OAUTH_PUBLIC_URL: z.url().optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const identityProvidersEnvDocs: EnvDocs<typeof identityProvidersEnvShape> = {
  AUTH_GITHUB_ID: {
    description: "GitHub OAuth app's client id (with its secret: turns GitHub sign-in on)",
    default: "unset: off",
  },
  AUTH_GITHUB_SECRET: { description: "GitHub OAuth app's client secret", default: "unset" },
  AUTH_GOOGLE_ID: {
    description: "Google OAuth client id (with its secret: turns Google sign-in on)",
    default: "unset: off",
  },
  AUTH_GOOGLE_SECRET: { description: "Google OAuth client secret", default: "unset" },
  AUTH_ENTRA_ID: {
    description:
      "Microsoft Entra ID application (client) id (with its secret: turns Entra ID sign-in on)",
    default: "unset: off",
  },
  AUTH_ENTRA_SECRET: { description: "Microsoft Entra ID client secret", default: "unset" },
  AUTH_ENTRA_TENANT: "Entra ID directory (tenant) id, or `organizations` / `common`",
  AUTH_OIDC_ISSUER: {
    description:
      "issuer URL of the company's OpenID Connect provider (with id and secret: turns single sign-on on)",
    default: "unset: off",
  },
  AUTH_OIDC_ID: { description: "client id at the OpenID Connect provider", default: "unset" },
  AUTH_OIDC_SECRET: {
    description: "client secret at the OpenID Connect provider",
    default: "unset",
  },
  AUTH_OIDC_NAME: "the OpenID Connect provider's name on the sign-in page",
  AUTH_OAUTH_REDIRECT_URIS: {
    description:
      "exact URIs (comma-separated, e.g. `fastnext://auth`) phones and scripts may receive their one-time sign-in code at; a wildcard is refused",
    default: "none: the phone flow is off",
  },
  AUTH_OAUTH_CODE_TTL_SECONDS: "seconds a one-time sign-in code stays redeemable (10 to 600)",
  AUTH_OAUTH_PUBLIC_URL: {
    description:
      "public origin providers send the browser back to (`<origin>/api/oauth/<provider>/callback`)",
    default: "the request's origin",
  },
};

type Variables = z.infer<z.ZodObject<typeof identityProvidersEnvShape>>;

/** Which providers a set of variables turns on; a half-configured one is a problem, not silently off. */
function providersOf(env: Variables): {
  providers: IdentityProviderConfig[];
  problems: EnvProblem[];
} {
  const providers: IdentityProviderConfig[] = [];
  const problems: EnvProblem[] = [];
  const pair = (
    idName: string,
    secretName: string,
    id: string | undefined,
    secret: string | undefined,
  ): { clientId: string; clientSecret: string } | null => {
    if (id && secret) return { clientId: id, clientSecret: secret };
    if (id || secret) {
      problems.push({
        variable: id ? secretName : idName,
        message: `is required when ${id ? idName : secretName} is set`,
      });
    }
    return null;
  };
  const github = pair(
    "AUTH_GITHUB_ID",
    "AUTH_GITHUB_SECRET",
    env.AUTH_GITHUB_ID,
    env.AUTH_GITHUB_SECRET,
  );
  if (github) providers.push({ id: "github", name: "GitHub", ...github });
  const google = pair(
    "AUTH_GOOGLE_ID",
    "AUTH_GOOGLE_SECRET",
    env.AUTH_GOOGLE_ID,
    env.AUTH_GOOGLE_SECRET,
  );
  if (google)
    providers.push({
      id: "google",
      name: "Google",
      issuer: "https://accounts.google.com",
      ...google,
    });
  const entra = pair(
    "AUTH_ENTRA_ID",
    "AUTH_ENTRA_SECRET",
    env.AUTH_ENTRA_ID,
    env.AUTH_ENTRA_SECRET,
  );
  if (entra) {
    providers.push({
      id: "entra",
      name: "Microsoft",
      issuer: `https://login.microsoftonline.com/${encodeURIComponent(env.AUTH_ENTRA_TENANT)}/v2.0`,
      ...entra,
    });
  }
  const oidc = pair("AUTH_OIDC_ID", "AUTH_OIDC_SECRET", env.AUTH_OIDC_ID, env.AUTH_OIDC_SECRET);
  if (oidc && !env.AUTH_OIDC_ISSUER) {
    problems.push({
      variable: "AUTH_OIDC_ISSUER",
      message: "is required when AUTH_OIDC_ID is set",
    });
  } else if (oidc && env.AUTH_OIDC_ISSUER) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      issuer: env.AUTH_OIDC_ISSUER.replace(/\/+$/, ""),
      ...oidc,
    });
  } else if (!oidc && env.AUTH_OIDC_ISSUER && !env.AUTH_OIDC_ID && !env.AUTH_OIDC_SECRET) {
    problems.push({
      variable: "AUTH_OIDC_ID",
      message: "is required when AUTH_OIDC_ISSUER is set",
    });
  }
  return { providers, problems };
}

/** The identity-provider configuration, every bad or half-set variable reported at once. */
export function readIdentityProvidersEnv(source: EnvSource): IdentityProvidersEnv {
  const env = parseEnv("identity providers", identityProvidersEnvShape, source);
  const { providers, problems } = providersOf(env);
  if (problems.length > 0) throw new EnvError("identity providers", problems);
  return {
    providers,
    redirectUris: env.AUTH_OAUTH_REDIRECT_URIS,
    codeTtlSeconds: env.AUTH_OAUTH_CODE_TTL_SECONDS,
    publicUrl: env.AUTH_OAUTH_PUBLIC_URL?.replace(/\/+$/, ""),
  };
}
