import { Prisma } from "./generated/prisma/client";

/**
 * True when a write failed on a unique constraint, optionally one whose
 * name or target mentions `column` (e.g. "users_email_key" for "email").
 * Through the driver adapter Prisma reports the constraint in its meta.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002")
    return false;
  if (!column) return true;
  return JSON.stringify(error.meta ?? {}).includes(column) || error.message.includes(column);
}
