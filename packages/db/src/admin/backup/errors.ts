export type BackupErrorCode =
  | "bad_arguments"
  | "client_missing"
  | "unreachable"
  | "bound_by_rls"
  | "target_not_empty"
  | "roles_missing"
  | "dump_failed"
  | "restore_failed"
  | "migrations_differ";

/** A backup or restore that could not be done, with a message for the operator. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;

  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.name = "BackupError";
    this.code = code;
  }
}
