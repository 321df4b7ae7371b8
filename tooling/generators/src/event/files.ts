import type { FileEdit, GeneratedFile } from "../resource/spec";
import type { EventSpec } from "./spec";

/** The files `gen:event` creates: the worker's handler and its test. */
export function eventFiles(spec: EventSpec): GeneratedFile[] {
  return [
    { path: spec.handlerFile, template: "event/handler.ts.hbs" },
    { path: spec.testFile, template: "event/test.ts.hbs" },
  ];
}

/** The event's entry in the catalogue, and the handler's in `HANDLERS`. */
export function eventEdits(_spec: EventSpec): FileEdit[] {
  const index = "apps/worker/src/handlers/index.ts";
  return [
    {
      path: "packages/events/src/catalogue.ts",
      pattern: "} as const;",
      template: "event/catalogue.ts.hbs",
    },
    {
      path: index,
      pattern: 'import { type Handler } from "./types";',
      template: "event/index-import.ts.hbs",
    },
    { path: index, pattern: /^\];/m, template: "event/index-entry.ts.hbs" },
  ];
}
