"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent } from "react";

import { Button } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { useViewer } from "../shell/viewer";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";
import { attachmentListInput } from "./instance-inputs";

/** Where the bytes go and come from (the JSON API carries only the list). */
const FILES_PATH = "/api/attachments";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The server's reason for a refused upload, from its problem document. */
async function refusalOf(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown };
    if (typeof problem.detail === "string") return problem.detail;
  } catch {
    // Not a problem document: fall through to the status.
  }
  return `The upload failed (${response.status}).`;
}

/**
 * An item's files: a list with sizes and download links, an upload for
 * editors, and a remove button on what the caller may remove (their own
 * files, or any as the project's owner). The API checks each again.
 */
export function AttachmentsPanel({
  instanceId,
  canUpload,
  isOwner,
  nameOf,
}: {
  instanceId: string;
  canUpload: boolean;
  isOwner: boolean;
  nameOf: (userId: string) => string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const viewer = useViewer();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const files = useQuery(
    trpc.workflows.attachments.list.queryOptions(attachmentListInput(instanceId)),
  );
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.workflows.attachments.list.queryKey() });
  const remove = useMutation(
    trpc.workflows.attachments.delete.mutationOptions({
      onSuccess: () => {
        toast.success("File removed.");
        return refresh();
      },
      onError: (error) => {
        toast.error(errorMessage(error));
        return refresh();
      },
    }),
  );

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setUploading(true);
    setProblem(null);
    try {
      const response = await fetch(`${FILES_PATH}/instances/${instanceId}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "x-file-name": encodeURIComponent(file.name) },
        body: file,
      });
      if (response.status === 201) {
        toast.success(`“${file.name}” attached.`);
        await refresh();
      } else {
        setProblem(await refusalOf(response));
      }
    } catch {
      setProblem("The upload did not reach the server. Try again.");
    } finally {
      setUploading(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <section className="card" aria-labelledby="files-title">
      <div className="card-header">
        <h2 id="files-title">Files</h2>
      </div>
      {canUpload ? (
        <div className="card-body stack-sm">
          <label className="small" htmlFor="attachment-file">
            Attach a file (images, PDF, text, CSV, Word, Excel or PowerPoint)
          </label>
          <input
            ref={input}
            id="attachment-file"
            type="file"
            className="input"
            disabled={uploading}
            aria-describedby={problem ? "attachment-problem" : undefined}
            onChange={(event) => void upload(event)}
          />
          {uploading ? <p className="small muted">Uploading…</p> : null}
          {problem ? (
            <p id="attachment-problem" className="small" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      ) : null}
      {files.isPending ? (
        <LoadingState label="Loading the files" rows={1} />
      ) : files.isError ? (
        <ErrorState error={files.error} onRetry={() => void files.refetch()} />
      ) : files.data.items.length === 0 ? (
        <EmptyState title="No files yet" />
      ) : (
        <ul className="list" aria-label="Files">
          {files.data.items.map((file) => (
            <li key={file.id}>
              <div className="list-main">
                <a
                  className="list-title"
                  href={`${FILES_PATH}/${file.id}`}
                  download={file.fileName}
                >
                  {file.fileName}
                </a>
                <span className="list-meta">
                  {formatBytes(file.size)} · {nameOf(file.uploaderId)} ·{" "}
                  <Time date={file.createdAt} />
                </span>
              </div>
              {file.uploaderId === viewer.user.id || isOwner ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${file.fileName}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ attachmentId: file.id })}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
