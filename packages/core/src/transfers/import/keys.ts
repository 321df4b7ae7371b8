/**
 * Where an uploaded import file is kept: made from ids, never from the
 * file's name. The uploader's id is part of it, so an upload id alone
 * (which a client holds) names nobody else's file.
 */
export function importUploadKey(parts: { projectId: string; userId: string; uploadId: string }) {
  return `imports/${parts.projectId}/${parts.userId}/${parts.uploadId}`;
}
