import type { FileEdit, GeneratedFile, ResourceSpec } from "../resource/spec";

/** The web pages of a generated resource (none until the web templates exist). */
export function webFiles(_spec: ResourceSpec): GeneratedFile[] {
  return [];
}

/** Edits of existing web files, e.g. the navigation entry. */
export function webEdits(_spec: ResourceSpec): FileEdit[] {
  return [];
}
