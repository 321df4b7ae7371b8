import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { GeneratorError } from "../errors";
import { camelCase, kebabCase, snakeCase } from "../resource/names";

/**
 * What `pnpm gen:event <name>` knows about the event it adds, resolved once
 * from the command line and the tree, and handed unchanged to every
 * template (`templates/event/*.hbs`).
 */
export interface EventSpec {
  /** The event's name in the catalogue, e.g. `invoice.paid`. */
  name: string;
  /** The payload's id property, from the event's first part: `invoiceId`. */
  payloadKey: string;
  /** The handler's name, stored with every job and completion, e.g. `on.invoice_paid`. */
  handlerName: string;
  /** The handler module's file name without `.ts`, e.g. `invoice-paid`. */
  kebab: string;
  /** The handlers the module exports, e.g. `invoicePaidHandlers`. */
  handlersConst: string;
  handlerFile: string;
  testFile: string;
}

export interface EventOptions {
  name: string;
  /** The handler's name; defaults to `on.<event in snake_case>`. */
  handler?: string;
}

/** dot.case: two or more snake_case words joined by dots (`project.member_added`). */
const DOT_CASE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

const CATALOGUE = "packages/events/src/catalogue.ts";
const HANDLERS_DIR = "apps/worker/src/handlers";

/** Reads what the tree holds and checks the request against it; throws GeneratorError, reads only. */
export function eventSpec(root: string, options: EventOptions): EventSpec {
  const { name } = options;
  if (!DOT_CASE.test(name)) {
    throw new GeneratorError(
      `"${name}" is not a dot.case event name: snake_case words joined by dots, e.g. invoice.paid`,
    );
  }
  if (readFileSync(path.join(root, CATALOGUE), "utf8").includes(`"${name}":`)) {
    throw new GeneratorError(`The event "${name}" is already in ${CATALOGUE}`);
  }
  const handlerName = options.handler ?? `on.${snakeCase(name.replace(/\./g, "_"))}`;
  if (!DOT_CASE.test(handlerName)) {
    throw new GeneratorError(
      `"${handlerName}" is not a dot.case handler name, e.g. notify.invoice_paid`,
    );
  }
  if (handlerNames(root).has(handlerName)) {
    throw new GeneratorError(
      `A handler is already named "${handlerName}": names are unique and never reused`,
    );
  }
  const stem = name.replace(/\./g, "-").replace(/_/g, "-");
  const kebab = kebabCase(stem);
  return {
    name,
    payloadKey: `${camelCase(name.split(".")[0] ?? "")}Id`,
    handlerName,
    kebab,
    handlersConst: `${camelCase(stem)}Handlers`,
    handlerFile: `${HANDLERS_DIR}/${kebab}.ts`,
    testFile: `apps/worker/test/${kebab}.test.ts`,
  };
}

/** Every handler name written in the worker's handler modules (`name: "…"`). */
function handlerNames(root: string): Set<string> {
  const dir = path.join(root, HANDLERS_DIR);
  const names = new Set<string>();
  if (!existsSync(dir)) return names;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(path.join(dir, file), "utf8");
    for (const match of source.matchAll(/\bname:\s*"([^"]+)"/g)) names.add(match[1] ?? "");
  }
  return names;
}
