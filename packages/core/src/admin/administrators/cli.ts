import { parseArgs } from "node:util";

import pg from "pg";
import { z } from "zod";

import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";
import { createPrismaClient } from "@fastnext/db";
import { ZDisplayNameSchema, ZEmailSchema, ZPasswordSchema } from "@fastnext/validators";

import { AppError } from "../../errors";
import { createOrPromoteAdministrator } from "./create-or-promote";
import { PasswordInputError, readPassword, type PasswordIo } from "./password-input";

/** What admin:create reads besides its arguments. */
export const adminCreateEnvShape = {
  /** The owner connection (as for migrations and the seed), unless --database-url is given. */
  DATABASE_URL: envFields.postgresUrl().optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const adminCreateEnvDocs: EnvDocs<typeof adminCreateEnvShape> = {
  DATABASE_URL: "the owner connection `pnpm admin:create` writes through",
};

const USAGE =
  "usage: pnpm admin:create --email <address> [--name <display name>] [--set-password] [--password-stdin] [--database-url <owner URL>]";

const ZArgsSchema = z.object({
  email: ZEmailSchema,
  name: ZDisplayNameSchema.optional(),
  setPassword: z.boolean(),
  passwordStdin: z.boolean(),
  databaseUrl: envFields.postgresUrl(),
});

const FLAG_NAMES: Record<string, string> = {
  email: "--email",
  name: "--name",
  databaseUrl: "--database-url (or DATABASE_URL)",
};

class UsageError extends Error {}

function readArgs(argv: readonly string[], source: EnvSource) {
  const env = parseEnv("admin:create", adminCreateEnvShape, source);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        "set-password": { type: "boolean" },
        "password-stdin": { type: "boolean" },
        "database-url": { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const result = ZArgsSchema.safeParse({
    email: values.email,
    name: values.name,
    setPassword: values["set-password"] === true,
    passwordStdin: values["password-stdin"] === true,
    databaseUrl: values["database-url"] ?? env.DATABASE_URL,
  });
  if (!result.success)
    throw new UsageError(
      result.error.issues
        .map((issue) => {
          const field = String(issue.path[0] ?? "");
          const message = issue.code === "invalid_type" ? "is required" : issue.message;
          return `${FLAG_NAMES[field] ?? field}: ${message}`;
        })
        .join("\n"),
    );
  return result.data;
}

async function assertReachable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(databaseUrl);
    throw new UsageError(
      `Cannot connect to the database at ${where.host}${where.pathname}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** The password, checked for length here (the policy proper is checked against the database). */
async function askPassword(io: PasswordIo, fromStdin: boolean): Promise<string> {
  const password = await readPassword(io, fromStdin);
  const checked = ZPasswordSchema.safeParse(password);
  if (!checked.success)
    throw new AppError("VALIDATION", "The password does not meet the password policy", {
      reason: "password_policy",
      fieldErrors: { password: checked.error.issues.map((issue) => issue.message) },
    });
  return password;
}

export interface AdminCreateIo extends PasswordIo {
  stdout: NodeJS.WritableStream;
}

/** `pnpm admin:create`: the exit code; every refusal is one message on stderr. */
export async function adminCreateCli(
  argv: readonly string[],
  source: EnvSource,
  io: AdminCreateIo,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`${message}\n`);
    return 1;
  };
  let args;
  try {
    args = readArgs(argv, source);
    await assertReachable(args.databaseUrl);
  } catch (error) {
    if (error instanceof UsageError)
      return fail(
        error.message.startsWith("Cannot connect") ? error.message : `${error.message}\n${USAGE}`,
      );
    throw error;
  }
  const db = createPrismaClient({ connectionString: args.databaseUrl, max: 1 });
  try {
    const outcome = await createOrPromoteAdministrator(db, {
      email: args.email,
      name: args.name ?? args.email.split("@")[0] ?? args.email,
      setPassword: args.setPassword,
      password: () => askPassword(io, args.passwordStdin),
      requestId: "admin:create",
    });
    const said = {
      created: `Created administrator ${args.email}.`,
      promoted: `${args.email} is now an administrator.`,
      unchanged: `${args.email} already is an administrator.`,
    }[outcome.kind];
    const password =
      outcome.kind !== "created" && outcome.passwordChanged ? " Its password was changed." : "";
    io.stdout.write(`${said}${password}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PasswordInputError) return fail(error.message);
    if (error instanceof AppError) {
      const rules = error.fieldErrors?.password;
      return fail(
        rules ? `Password refused, nothing was written: ${rules.join("; ")}` : error.message,
      );
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}
