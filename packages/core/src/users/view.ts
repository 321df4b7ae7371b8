import { z } from "zod";

import { Prisma, type User } from "@fastnext/db";

import { type Principal } from "../access/principal";

/**
 * A user as a caller may see them. Identity fields are public to signed-in
 * callers; e-mail and sign-in details only to the user themself and to
 * holders of `user.read`. The password hash never leaves the service layer.
 */
export const ZUserViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isActive: z.boolean(),
  createdAt: z.date(),
  avatarUrl: z.string().nullable(),
  email: z.string().optional(),
  locale: z.string().optional(),
  timeZone: z.string().optional(),
  twoFactorEnabled: z.boolean().optional(),
  isSuperuser: z.boolean().optional(),
  lastLoginAt: z.date().nullable().optional(),
  failedLoginCount: z.number().optional(),
  lockedUntil: z.date().nullable().optional(),
  updatedAt: z.date().optional(),
});

export type UserView = z.infer<typeof ZUserViewSchema>;

export type UserRecord = Pick<
  User,
  | "id"
  | "name"
  | "email"
  | "isActive"
  | "isSuperuser"
  | "createdAt"
  | "updatedAt"
  | "lastLoginAt"
  | "failedLoginCount"
  | "lockedUntil"
  | "avatarUrl"
  | "locale"
  | "timeZone"
  | "twoFactorEnabled"
>;

/**
 * The columns a view needs, by field, with their column in the users table:
 * select exactly these, never the password hash.
 */
const userRecordColumnNames = {
  id: "id",
  name: "name",
  email: "email",
  isActive: "is_active",
  isSuperuser: "is_superuser",
  createdAt: "created_at",
  updatedAt: "updated_at",
  lastLoginAt: "last_login_at",
  failedLoginCount: "failed_login_count",
  lockedUntil: "locked_until",
  avatarUrl: "avatar_url",
  locale: "locale",
  timeZone: "time_zone",
  twoFactorEnabled: "two_factor_enabled",
} as const satisfies Record<keyof UserRecord, string>;

type UserRecordField = keyof typeof userRecordColumnNames;

/** `userRecordColumnNames` as a Prisma `select`. */
export const userViewSelect = Object.fromEntries(
  Object.keys(userRecordColumnNames).map((field) => [field, true]),
) as { readonly [Field in UserRecordField]: true };

/** The same columns for a raw statement, each named as its UserRecord field. */
export function userRecordColumns(table: string): Prisma.Sql {
  return Prisma.raw(
    Object.entries(userRecordColumnNames)
      .map(([field, column]) => `${table}.${column} AS "${field}"`)
      .join(", "),
  );
}

/** A row selected with `userRecordColumns`. */
export const ZUserRecordRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  isActive: z.boolean(),
  isSuperuser: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastLoginAt: z.date().nullable(),
  failedLoginCount: z.number().int(),
  lockedUntil: z.date().nullable(),
  avatarUrl: z.string().nullable(),
  locale: z.string(),
  timeZone: z.string(),
  twoFactorEnabled: z.boolean(),
}) satisfies z.ZodType<UserRecord>;

/** Who is looking: a principal, or the user themself right after sign-in. */
export type Viewer = Pick<Principal, "userId" | "permissions"> | { userId: string; self: true };

function mayReadPrivate(user: UserRecord, viewer: Viewer): boolean {
  if (viewer.userId === user.id) return true;
  return "permissions" in viewer && viewer.permissions.has("user.read");
}

export function toUserView(user: UserRecord, viewer: Viewer): UserView {
  const base = {
    id: user.id,
    name: user.name,
    isActive: user.isActive,
    createdAt: user.createdAt,
    avatarUrl: user.avatarUrl,
  };
  if (!mayReadPrivate(user, viewer)) return base;
  return {
    ...base,
    email: user.email,
    isSuperuser: user.isSuperuser,
    lastLoginAt: user.lastLoginAt,
    failedLoginCount: user.failedLoginCount,
    lockedUntil: user.lockedUntil,
    updatedAt: user.updatedAt,
    locale: user.locale,
    timeZone: user.timeZone,
    twoFactorEnabled: user.twoFactorEnabled,
  };
}
