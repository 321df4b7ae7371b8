export { appDb, createPrismaClient, disconnectAppDb, type PrismaClientOptions } from "./client";
export { dbEnv, readDbEnv, type DbEnv } from "./env";
export { checkReadiness, type Readiness } from "./readiness";
export { APP_ROLE } from "./roles";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type * from "./generated/prisma/models";
