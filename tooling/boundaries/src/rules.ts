import type { IForbiddenRuleType } from "dependency-cruiser";

/**
 * A module path for an npm package, whether resolved (pnpm keeps it under
 * `node_modules/.pnpm/<name>@<version>/node_modules/<name>/`) or not
 * resolvable from the importing workspace (then the path is the bare
 * specifier). Matching both catches an import whether or not the package
 * was added to the importer's package.json.
 */
function npmPackage(...names: string[]): string {
  const alternatives = names
    .map((name) => name.replaceAll("/", "\\/").replaceAll(".", "\\."))
    .join("|");
  return `(^|/node_modules/|^node_modules/)(${alternatives})(/|$)`;
}

/**
 * A workspace's code: its folder once resolved through the pnpm workspace
 * link, or its package name when the importer does not declare it.
 */
function workspace(folder: string, packageName: string): string {
  return `^${folder}/|^${packageName.replace("/", "\\/")}(/|$)`;
}

const nextJs = npmPackage("next", "next-auth", "@next/[^/]+");
const api = workspace("packages/api", "@fastnext/api");
const core = workspace("packages/core", "@fastnext/core");
const metrics = workspace("packages/metrics", "@fastnext/metrics");
const web = workspace("apps/web", "@fastnext/web");
const apps = `^apps/|^@fastnext/(web|worker|api-server)(/|$)`;

/**
 * The pure packages (`workflow`, `validators`) may import zod, each other
 * and their own files; everything else is a "server package": the database
 * and its clients (pg, Prisma, pg-boss, `@fastnext/db`), Redis, mail,
 * logging, tokens and passwords (`@fastnext/auth`), configuration read from
 * the environment (`@fastnext/config`), events, the API and the core.
 */
const pureImportsAllowed = `^packages/(workflow|validators)/|^@fastnext/(workflow|validators)(/|$)|${npmPackage("zod")}`;

/**
 * The UI kit (`packages/ui`) renders in the browser: React, its Radix
 * primitives and styling helpers, TanStack Table, get-nonce (the CSP nonce
 * of Radix's scroll lock) and its own files.
 */
const uiImportsAllowed = `^packages/ui/|${npmPackage(
  "react",
  "react-dom",
  "radix-ui",
  "@radix-ui/[^/]+",
  "class-variance-authority",
  "clsx",
  "get-nonce",
  "tailwind-merge",
  "@tanstack/react-table",
)}`;

/** The tooling workspaces, by package name: tooling may import tooling. */
const toolingNames = [
  "eslint-config",
  "prettier-config",
  "tsconfig",
  "vitest-config",
  "supervisor",
  "boundaries",
];

/**
 * Tooling folders that drive the product and so import it: the image check
 * reads every app's environment schema; the development database migrates
 * and seeds the embedded server and the test databases through db's admin
 * entry point; the generators render a new table's access SQL through db's
 * policies.
 */
const toolingAbovePackages = ["deploy-check", "dev-database", "generators"];

/**
 * The import rules between workspaces. Each rule names the layer it keeps
 * apart; the check reports a broken one by this name. The rule that only
 * the worker's system jobs reach `@fastnext/db/system` lives in the shared
 * ESLint config, beside the other per-file import rules.
 */
export const boundaryRules: IForbiddenRuleType[] = [
  {
    name: "packages-no-nextjs",
    comment:
      "Only the web app knows Next.js: the API and every other package serve any HTTP front (the web route, the standalone server, the worker) alike.",
    severity: "error",
    from: { path: "^packages/" },
    to: { path: nextJs },
  },
  {
    name: "db-no-api-or-core",
    comment:
      "The database package sits below the services and the transport: it never imports them.",
    severity: "error",
    from: { path: "^packages/db/" },
    to: { path: [api, core] },
  },
  {
    name: "pure-no-io",
    comment:
      "The workflow engine and the validators are pure TypeScript: no Node.js built-in (files, network, processes).",
    severity: "error",
    from: { path: "^packages/(workflow|validators)/src/" },
    to: { dependencyTypes: ["core"] },
  },
  {
    name: "pure-no-server-package",
    comment:
      "The workflow engine and the validators import zod and each other only, so the web and phone bundles can use them.",
    severity: "error",
    from: { path: "^packages/(workflow|validators)/src/" },
    to: { pathNot: pureImportsAllowed, dependencyTypesNot: ["core"] },
  },
  {
    name: "ui-browser-only",
    comment:
      "The UI kit imports React, Radix, its styling helpers and TanStack Table only: no Node.js built-in, server package or app, so every app and generated page can use it.",
    severity: "error",
    from: { path: "^packages/ui/src/" },
    to: { pathNot: uiImportsAllowed },
  },
  {
    name: "client-api-types-only",
    comment:
      "The phone client imports only the router's types from the API: no server code ships in its bundle.",
    severity: "error",
    from: { path: "^packages/client/src/" },
    to: { path: api, dependencyTypesNot: ["type-only"] },
  },
  {
    name: "worker-no-web-or-api",
    comment:
      "The worker runs the core's services itself: loading the web app or the API package would pull in the router, tRPC and the API's environment.",
    severity: "error",
    from: { path: "^apps/worker/src/" },
    to: { path: [web, api] },
  },
  {
    name: "core-no-trpc",
    comment: "Services know nothing of the transport: tRPC lives in the API package only.",
    severity: "error",
    from: { path: "^packages/core/" },
    to: { path: npmPackage("@trpc/[^/]+") },
  },
  {
    name: "core-no-prometheus",
    comment:
      "Services report through the core's Telemetry port; only the composition roots know prom-client and @fastnext/metrics.",
    severity: "error",
    from: { path: "^packages/core/" },
    to: { path: [npmPackage("prom-client"), metrics] },
  },
  {
    name: "packages-no-apps",
    comment: "Apps sit above packages: no package imports an app.",
    severity: "error",
    from: { path: "^packages/" },
    to: { path: apps },
  },
  {
    name: "tooling-no-workspace-code",
    comment:
      "Tooling (lint, format, TypeScript and test configuration, the supervisor) sits below the packages and imports none of them.",
    severity: "error",
    from: { path: "^tooling/", pathNot: `^tooling/(${toolingAbovePackages.join("|")})/` },
    to: { path: `^(apps|packages|bench)/|^@fastnext/(?!(${toolingNames.join("|")})(/|$))` },
  },
];
