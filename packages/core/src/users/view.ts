import { z } from "zod";

import { type User } from "@fastnext/db";

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

/** The columns a view needs: select exactly these, never the password hash. */
export const userViewSelect = {
  id: true,
  name: true,
  email: true,
  isActive: true,
  isSuperuser: true,
  createdAt: true,
  updatedAt: true,
  lastLoginAt: true,
  failedLoginCount: true,
  lockedUntil: true,
  avatarUrl: true,
  locale: true,
  timeZone: true,
  twoFactorEnabled: true,
} as const;

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
