import { z } from "zod";

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface EnvProblem {
  variable: string;
  message: string;
}

/** Start-up stops with this when configuration is missing or malformed. */
export class EnvError extends Error {
  readonly problems: readonly EnvProblem[];

  constructor(scope: string, problems: readonly EnvProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable}: ${p.message}`);
    super(`Invalid configuration for ${scope}:\n${lines.join("\n")}`);
    this.name = "EnvError";
    this.problems = problems;
  }
}

/**
 * Validates environment variables against a zod shape. Empty strings count as
 * unset, so `FOO=` in a .env file falls back to the default instead of
 * failing a URL or number check with a confusing message.
 */
export function parseEnv<TShape extends z.ZodRawShape>(
  scope: string,
  shape: TShape,
  source: EnvSource,
): z.infer<z.ZodObject<TShape>> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = source[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: issue.path.map(String).join(".") || "(root)",
    message:
      issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message,
  }));
  throw new EnvError(scope, problems);
}

/**
 * For a process's entry point: the configuration `read` returns, or the
 * problems printed and exit code 1. The message names every bad variable;
 * a stack trace would add nothing.
 */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

/** Shared field parsers, so every package reads booleans and ports alike. */
export const envFields = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  boolean: (fallback: boolean) =>
    z
      .enum(["true", "false", "1", "0"])
      .default(fallback ? "true" : "false")
      .transform((v) => v === "true" || v === "1"),
  postgresUrl: () =>
    z
      .url()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL"),
  nodeEnv: () => z.enum(["development", "test", "production"]).default("development"),
};

/** How the README's configuration table shows one variable (`pnpm docs:env`). */
export interface EnvVariableDoc {
  /** What it does, for an operator: one sentence or two. */
  description: string;
  /** Shown instead of the schema's default: for secrets and machine-specific paths. */
  default?: string;
}

/**
 * Descriptions of a shape's variables, kept next to the shape. A variable
 * without one fails the README check, which names it.
 */
export type EnvDocs<TShape extends z.ZodRawShape> = {
  readonly [K in keyof TShape]?: string | EnvVariableDoc;
};
