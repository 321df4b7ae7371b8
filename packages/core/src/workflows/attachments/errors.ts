import { AppError } from "../../errors";
import { type CoreDeps, type AttachmentSettings } from "../../deps";

export function attachmentNotFound(): AppError {
  return new AppError("NOT_FOUND", "No such attachment", { reason: "attachment_not_found" });
}

export function attachmentTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `A file may have at most ${maxBytes} bytes`, {
    reason: "attachment_too_large",
    details: { maxBytes },
  });
}

/** The process was started without storage: a deployment mistake, not the caller's. */
export function attachmentSettings(deps: CoreDeps): AttachmentSettings {
  if (!deps.attachments) throw new Error("attachment storage is not configured in this process");
  return deps.attachments;
}
