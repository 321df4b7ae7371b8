import { projectStoragePrefix } from "../../workflows/attachments/keys";

/**
 * Where an uploaded import file is kept: made from ids, never from the
 * file's name, under the project's prefix (deleting the project removes it
 * with its other files). The uploader's id is part of it, so an upload id
 * alone, which a client holds, names nobody else's file.
 */
export function importUploadKey(parts: { projectId: string; userId: string; uploadId: string }) {
  return `${projectStoragePrefix(parts.projectId)}/imports/${parts.userId}/${parts.uploadId}`;
}
