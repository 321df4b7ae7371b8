import { randomUUID } from "node:crypto";

import { z } from "zod";

import { hashPassword } from "@fastnext/auth";
import { parseEnv, type EnvSource } from "@fastnext/config";

import { type PrismaClient } from "../generated/prisma/client";
import { withScope } from "../scope";

export const seedEnvShape = {
  SEED_ADMIN_EMAIL: z.email().default("admin@example.com"),
  SEED_ADMIN_PASSWORD: z.string().min(8).default("admin-password"),
  SEED_ADMIN_NAME: z.string().min(1).default("Demo Admin"),
};

export function readSeedEnv(source: EnvSource) {
  return parseEnv("seed", seedEnvShape, source);
}

export interface SeedResult {
  adminEmail: string;
  adminCreated: boolean;
}

/**
 * Idempotent demo data: creates the admin once and never overwrites a
 * password someone has since changed. It runs through RLS like everything
 * else (tables are FORCEd, so the owner is bound too): the transaction acts
 * as the admin being created, with the rights needed to create it.
 */
export async function seedDemoData(db: PrismaClient, source: EnvSource): Promise<SeedResult> {
  const env = readSeedEnv(source);
  const email = env.SEED_ADMIN_EMAIL.trim().toLowerCase();
  const passwordHash = await hashPassword(env.SEED_ADMIN_PASSWORD);
  const adminId = randomUUID();
  const scope = { userId: adminId, permissions: ["user.read", "user.manage", "role.manage"] };
  return withScope(db, scope, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) return { adminEmail: email, adminCreated: false };
    await tx.user.create({
      data: { id: adminId, email, name: env.SEED_ADMIN_NAME, passwordHash, isSuperuser: true },
    });
    const admin = await tx.role.findUniqueOrThrow({
      where: { key: "admin" },
      select: { id: true },
    });
    await tx.userRole.create({ data: { userId: adminId, roleId: admin.id } });
    return { adminEmail: email, adminCreated: true };
  });
}
