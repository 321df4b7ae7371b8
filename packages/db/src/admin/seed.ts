import { z } from "zod";

import { hashPassword } from "@fastnext/auth";
import { parseEnv, type EnvSource } from "@fastnext/config";

import { type PrismaClient } from "../generated/prisma/client";

export function readSeedEnv(source: EnvSource) {
  return parseEnv(
    "seed",
    {
      SEED_ADMIN_EMAIL: z.email().default("admin@example.com"),
      SEED_ADMIN_PASSWORD: z.string().min(8).default("admin-password"),
      SEED_ADMIN_NAME: z.string().min(1).default("Demo Admin"),
    },
    source,
  );
}

export interface SeedResult {
  adminEmail: string;
  adminCreated: boolean;
}

/**
 * Idempotent demo data: creates the admin once and never overwrites a
 * password someone has since changed.
 */
export async function seedDemoData(db: PrismaClient, source: EnvSource): Promise<SeedResult> {
  const env = readSeedEnv(source);
  const email = env.SEED_ADMIN_EMAIL.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { adminEmail: email, adminCreated: false };
  await db.user.create({
    data: {
      email,
      name: env.SEED_ADMIN_NAME,
      passwordHash: await hashPassword(env.SEED_ADMIN_PASSWORD),
      isSuperuser: true,
    },
  });
  return { adminEmail: email, adminCreated: true };
}
