import { randomUUID } from "node:crypto";

import { z } from "zod";

import { hashPassword } from "@fastnext/auth";
import { parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

import { type PrismaClient } from "../generated/prisma/client";
import { withScope } from "../scope";
import { ADMINISTRATOR_WRITE_PERMISSIONS, createAdministrator } from "./administrator";

export const seedEnvShape = {
  SEED_ADMIN_EMAIL: z.email().default("admin@example.com"),
  SEED_ADMIN_PASSWORD: z.string().min(8).default("admin-password"),
  SEED_ADMIN_NAME: z.string().min(1).default("Demo Admin"),
};

/** The README's configuration table (`pnpm docs:env`). */
export const seedEnvDocs: EnvDocs<typeof seedEnvShape> = {
  SEED_ADMIN_EMAIL: "the demo seed's administrator",
  SEED_ADMIN_PASSWORD: {
    description: "the demo administrator's password, used when the seed creates it",
    default: "`admin-password`",
  },
  SEED_ADMIN_NAME: "the demo administrator's name",
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
  const scope = { userId: adminId, permissions: ADMINISTRATOR_WRITE_PERMISSIONS };
  return withScope(db, scope, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) return { adminEmail: email, adminCreated: false };
    await createAdministrator(tx, { id: adminId, email, name: env.SEED_ADMIN_NAME, passwordHash });
    return { adminEmail: email, adminCreated: true };
  });
}
