import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import pluralize from "pluralize";

import { GeneratorError } from "../errors";
import { PERMISSIONS_FILE } from "../repository";
import { kebabCase, pascalCase } from "../resource/names";

/**
 * What `pnpm gen:procedure <router.path>` knows about the procedure it adds,
 * resolved once from the command line and the tree, and handed unchanged to
 * every template (`templates/procedure/*.hbs`).
 */
export interface ProcedureSpec {
  /** The full path as clients call it, e.g. `invoices.summary`. */
  path: string;
  /** The router's path, e.g. `["projects", "members"]`. */
  routerPath: readonly string[];
  /** The procedure's key in its router (camelCase), e.g. `summary`. */
  name: string;
  /** The procedure's file name without `.ts`, e.g. `summary`. */
  kebab: string;
  type: "query" | "mutation";
  /** How the typed client calls it: `query` or `mutate`. */
  call: "query" | "mutate";
  /** Its REST operation under /api/v1: GET for a query, POST for a mutation, at the router's path. */
  restMethod: "GET" | "POST";
  /** e.g. `/projects/members/summary`; rename to a resource path when one fits. */
  restPath: string;
  /** The REST tag: the first router segment, e.g. `projects`. */
  restTag: string;
  /** The catalogue permission it needs, or null for any signed-in caller. */
  permission: string | null;
  /** The permission is new: it goes into the catalogue and a migration seeds it. */
  newPermission: boolean;
  /** The new permission's category in the catalogue: its prefix's, or the prefix's plural. */
  permissionCategory: string;
  /** The router folder, e.g. `packages/api/src/routers/projects/members`. */
  routerDir: string;
  /** From the procedure file to `packages/api/src/`, e.g. `../../../`. */
  apiSrcRelative: string;
  /** The core domain (first router segment) and its import, e.g. `@fastnext/core/projects`. */
  domain: string;
  coreImport: string;
  /** The service's folder, e.g. `packages/core/src/projects/members`. */
  coreDir: string;
  /** From the service's folder to the domain's index, e.g. `./members/`. */
  coreFromIndex: string;
  /** From the service file to `packages/core/src/`, e.g. `../../`. */
  coreSrcRelative: string;
  /** The core service function, e.g. `summaryInvoice`. */
  serviceName: string;
  /** The stem of the schema names: `Z{schemaBase}InputSchema`, `{schemaBase}Result`. */
  schemaBase: string;
  /** Where the schemas go (created when missing, else appended to). */
  inputFile: { path: string; exists: boolean };
  viewFile: { path: string; exists: boolean };
  /** The HTTP test of the procedure. */
  testFile: string;
  /** The migration that seeds a new permission, e.g. `prisma/migrations/20261203…_permission_invoice_read`. */
  migrationDir: string;
}

export interface ProcedureOptions {
  path: string;
  /** `query` (default) or `mutation`; anything else is refused. */
  type?: string;
  permission?: string;
  /** The migration's timestamp; defaults to now. */
  now?: Date;
}

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const PERMISSION = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/**
 * Words a procedure's key may not be: JavaScript's reserved words (the key
 * is also the `export const` of its file) and what tRPC's proxy client keeps
 * for itself.
 */
const RESERVED = new Set([
  ..."break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
  "then",
  "call",
  "apply",
  "query",
  "mutate",
  "subscribe",
]);

/** Reads what the tree holds and checks the request against it; throws GeneratorError, reads only. */
export function procedureSpec(root: string, options: ProcedureOptions): ProcedureSpec {
  const segments = options.path.split(".");
  const name = segments.at(-1) ?? "";
  const routerPath = segments.slice(0, -1);
  if (routerPath.length === 0) {
    throw new GeneratorError(
      `"${options.path}" names no router: give the router's path and the new procedure's name, e.g. invoices.summary`,
    );
  }
  for (const segment of segments) {
    if (!CAMEL.test(segment)) {
      throw new GeneratorError(
        `"${segment}" in "${options.path}" is not camelCase (letters and digits, starting with a lower-case letter)`,
      );
    }
  }
  if (RESERVED.has(name)) {
    throw new GeneratorError(`"${name}" is a reserved word: choose another name for the procedure`);
  }
  const type = options.type ?? "query";
  if (type !== "query" && type !== "mutation") {
    throw new GeneratorError(`--type is "query" or "mutation", not "${type}"`, {
      type: "query or mutation",
    });
  }

  const routerDir = routerFolder(root, routerPath);
  const routerIndex = path.join(root, routerDir, "index.ts");
  if (!existsSync(routerIndex)) {
    throw new GeneratorError(
      `There is no router "${routerPath.join(".")}" (no ${routerDir}/index.ts)`,
    );
  }
  if (routerKeys(readFileSync(routerIndex, "utf8")).has(name)) {
    throw new GeneratorError(
      `"${routerPath.join(".")}" already has a procedure or router "${name}"`,
    );
  }

  const domain = kebabCase(routerPath[0] ?? "");
  const domainIndex = path.posix.join("packages/core/src", domain, "index.ts");
  if (!existsSync(path.join(root, domainIndex))) {
    throw new GeneratorError(
      `There is no core domain "${domain}" (${domainIndex}): its services live there, add it first`,
    );
  }
  const coreExports = readFileSync(path.join(root, "packages/core/package.json"), "utf8");
  if (!coreExports.includes(`"./${domain}":`)) {
    throw new GeneratorError(
      `packages/core/package.json does not export "./${domain}": add it beside the other domains`,
    );
  }
  const coreSub = routerPath.slice(1).map(kebabCase);
  const coreDir = path.posix.join("packages/core/src", domain, ...coreSub);
  const noun = pascalCase(pluralize.singular(routerPath.at(-1) ?? domain));

  let permission: string | null = null;
  let newPermission = false;
  let permissionCategory = "";
  if (options.permission !== undefined) {
    if (!PERMISSION.test(options.permission)) {
      throw new GeneratorError(
        `"${options.permission}" is not a permission key: two snake_case words joined by a dot, e.g. invoice.approve`,
      );
    }
    permission = options.permission;
    const catalogue = readFileSync(path.join(root, PERMISSIONS_FILE), "utf8");
    newPermission = !catalogue.includes(`"${permission}":`);
    const prefix = permission.split(".")[0] ?? "";
    // A new key joins its prefix's category (`project.*` is under "projects"), else starts one.
    permissionCategory =
      new RegExp(`"${prefix}\\.[a-z0-9_]+":\\s*\\{\\s*category:\\s*"([^"]+)"`).exec(
        catalogue,
      )?.[1] ?? pluralize.plural(prefix);
  }

  const stamp = (options.now ?? new Date()).toISOString().replace(/\D/g, "").slice(0, 14);
  const inputPath = path.posix.join(coreDir, "input.ts");
  const viewPath = path.posix.join(coreDir, "view.ts");
  for (const schemaFile of [inputPath, viewPath]) {
    const file = path.join(root, schemaFile);
    if (existsSync(file) && !readFileSync(file, "utf8").includes('import { z } from "zod";')) {
      throw new GeneratorError(
        `${schemaFile} does not import z from zod: add the import, then run again`,
      );
    }
  }
  return {
    path: options.path,
    routerPath,
    name,
    kebab: kebabCase(name),
    type,
    call: type === "query" ? "query" : "mutate",
    restMethod: type === "query" ? "GET" : "POST",
    restPath: `/${[...routerPath, name].map(kebabCase).join("/")}`,
    restTag: routerPath[0] ?? domain,
    permission,
    newPermission,
    permissionCategory,
    routerDir,
    apiSrcRelative: "../".repeat(routerPath.length + 1),
    domain,
    coreImport: `@fastnext/core/${domain}`,
    coreDir,
    coreFromIndex: coreSub.length === 0 ? "./" : `./${coreSub.join("/")}/`,
    coreSrcRelative: "../".repeat(routerPath.length),
    serviceName: `${name}${noun}`,
    schemaBase: `${noun}${pascalCase(name)}`,
    inputFile: { path: inputPath, exists: existsSync(path.join(root, inputPath)) },
    viewFile: { path: viewPath, exists: existsSync(path.join(root, viewPath)) },
    testFile: `packages/api/test/${[...routerPath, name].map(kebabCase).join("-")}.test.ts`,
    migrationDir: `prisma/migrations/${stamp}_permission_${(permission ?? "").replace(".", "_")}`,
  };
}

/**
 * A router's folder: each segment in kebab-case (`users.security.twoFactor`
 * is `users/security/two-factor`), or as written, as generated resources
 * name theirs (`lineItems`).
 */
function routerFolder(root: string, routerPath: readonly string[]): string {
  let folder = "packages/api/src/routers";
  for (const segment of routerPath) {
    const kebab = path.posix.join(folder, kebabCase(segment));
    folder = existsSync(path.join(root, kebab)) ? kebab : path.posix.join(folder, segment);
  }
  return folder;
}

/** The keys of the `router({ … })` in a router's index.ts (procedures and sub-routers). */
export function routerKeys(source: string): Set<string> {
  const body = /router\(\{([\s\S]*)\}\)/.exec(source)?.[1] ?? "";
  return new Set([...body.matchAll(/^\s*(\w+)\s*[:,]/gm)].map((match) => match[1] ?? ""));
}
