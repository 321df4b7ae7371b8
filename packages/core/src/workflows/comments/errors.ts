import { AppError } from "../../errors";

export function commentNotFound(): AppError {
  return new AppError("NOT_FOUND", "No such comment", { reason: "comment_not_found" });
}

export function notCommenter(): AppError {
  return new AppError("FORBIDDEN", "Only members of the project can comment", {
    reason: "comment_not_allowed",
  });
}

export function notAuthor(verb: "edit" | "delete"): AppError {
  return new AppError("FORBIDDEN", `Only its author can ${verb} this comment`, {
    reason: "comment_not_author",
  });
}
