import { z } from "zod";

/** Where an import's file is uploaded (the JSON API carries only what comes after). */
export const IMPORT_UPLOAD_PATH = "/api/transfers/imports/projects";

const ZUploadSchema = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  format: z.enum(["csv", "xlsx", "json", "ndjson"]),
  byteSize: z.number(),
  columns: z.array(z.string()),
});

export type ImportUpload = z.infer<typeof ZUploadSchema>;

const ZProblemSchema = z.object({ detail: z.string() });

/** Streams the file to the server and answers its columns, or the server's reason for refusing it. */
export async function uploadImportFile(
  projectId: string,
  file: File,
): Promise<{ ok: true; upload: ImportUpload } | { ok: false; problem: string }> {
  let response: Response;
  try {
    response = await fetch(`${IMPORT_UPLOAD_PATH}/${projectId}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "x-file-name": encodeURIComponent(file.name) },
      body: file,
    });
  } catch {
    return { ok: false, problem: "The upload did not reach the server. Try again." };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 201) {
    const upload = ZUploadSchema.safeParse(body);
    if (upload.success) return { ok: true, upload: upload.data };
  }
  const problem = ZProblemSchema.safeParse(body);
  return {
    ok: false,
    problem: problem.success ? problem.data.detail : `The upload failed (${response.status}).`,
  };
}
