/**
 * Where an attachment's bytes are stored: a pure function of its ids, so a
 * clean-up that runs after the row is gone (its event carries the ids)
 * still finds them, and a project's files are all under one prefix.
 */
export function attachmentKey(ids: {
  projectId: string;
  instanceId: string;
  attachmentId: string;
}): string {
  return `projects/${ids.projectId}/instances/${ids.instanceId}/${ids.attachmentId}`;
}

/** Every stored file of a project's instances is under this prefix. */
export function projectStoragePrefix(projectId: string): string {
  return `projects/${projectId}`;
}
