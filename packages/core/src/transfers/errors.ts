import { AppError } from "../errors";

export function transferNotFound(): AppError {
  return new AppError("NOT_FOUND", "No such export or import", { reason: "transfer_not_found" });
}

/** Thrown from a runner's progress report once the requester cancelled: the run stops there. */
export class TransferCancelledError extends Error {
  constructor(readonly transferId: string) {
    super(`transfer ${transferId} was cancelled`);
    this.name = "TransferCancelledError";
  }
}
