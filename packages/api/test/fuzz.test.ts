import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { appRouter } from "../src/root";
import { jsonSchemaOf, malformedInput, type RawInput } from "./fuzz-inputs";

/*
 * Walks the WHOLE router: every query and mutation gets malformed input
 * from anonymous callers, a plain user and an admin, over real HTTP. No
 * answer may be a 5xx or show a stack, SQL or a library's words, a refused
 * mutation must write nothing, and the server must be healthy afterwards.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> (and
 * FUZZ_RUNS=<n> for more runs per procedure and caller).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED =
  process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);

/** Subscriptions stream (tested in notifications-live.test.ts); logoutAll would end the callers' sessions. */
const SKIPPED = new Set(["auth.logoutAll"]);

/** What no error message may contain: stack frames, SQL, driver or library text. */
const LEAKS = [
  /\bat \S+ \(?[^)\s]*:\d+:\d+/,
  /\.ts:\d+/,
  /node_modules/,
  /prisma/i,
  /\bSELECT\b[\s\S]*\bFROM\b/,
  /\bINSERT INTO\b/,
  /violates/,
  /Maximum call stack/,
  /invalid byte sequence/,
  /out of range/,
  /Unexpected token|JSON at position|Unexpected end of JSON/,
  /superjson|Unknown transformation|prototype pollution/i,
];

interface ProcedureLike {
  _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] };
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureLike>,
).flatMap(([path, procedure]) => {
  const type = procedure._def.type;
  if (type === "subscription" || SKIPPED.has(path)) return [];
  return [{ path, type, schema: jsonSchemaOf(procedure._def.inputs[0]) }];
});

/** URLs stay under what Node's HTTP server reads (a deep GET input is percent-encoded thrice over). */
const MAX_DEPTH = { query: 600, mutation: 20_000 } as const;

let api: TestApi;
let tables: string[] = [];
const tokens: Record<"anonymous" | "user" | "admin", string | undefined> = {
  anonymous: undefined,
  user: undefined,
  admin: undefined,
};

beforeAll(async () => {
  api = await startApi();
  tokens.user = (await signUp(api, "Fuzzed")).accessToken;
  tokens.admin = (await signInAdmin(api)).accessToken;
  const { rows } = await api.sql.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename",
  );
  tables = rows.map((row) => row.tablename);
});
afterAll(async () => {
  await api.close();
});

/** One digest of every row of every table: equal digests, nothing written. */
async function checksum(): Promise<string> {
  // Row count and the sum of row hashes per table: order-free, so no sorting.
  const parts = tables.map(
    (table) =>
      `(SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM "${table}" t)`,
  );
  const { rows } = await api.sql.query<{ digest: string }>(
    `SELECT concat_ws(',', ${parts.join(", ")}) AS digest`,
  );
  return rows[0]?.digest ?? "";
}

interface Answer {
  status: number;
  text: string;
}

async function call(
  path: string,
  type: "query" | "mutation",
  input: RawInput,
  token: string | undefined,
): Promise<Answer> {
  const body =
    input.meta === undefined
      ? `{"json":${input.json}}`
      : `{"json":${input.json},"meta":${input.meta}}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response =
    type === "query"
      ? await fetch(`${api.url}/${path}?input=${encodeURIComponent(body)}`, { headers })
      : await fetch(`${api.url}/${path}`, { method: "POST", headers, body });
  return { status: response.status, text: await response.text() };
}

function checkAnswer(path: string, answer: Answer): void {
  expect(
    answer.status,
    `${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`,
  ).toBeLessThan(500);
  if (answer.status < 400) return;
  // Anything the server wrote itself must be the tRPC error shape; Node's own 4xx (URI too long) has no body to check.
  if (answer.text === "") return;
  const parsed = JSON.parse(answer.text) as { error?: { json?: { message?: unknown } } };
  const message = parsed.error?.json?.message;
  expect(typeof message, `${path}: ${answer.text.slice(0, 300)}`).toBe("string");
  for (const leak of LEAKS) expect(answer.text, `${path} leaked ${String(leak)}`).not.toMatch(leak);
}

describe.each(["anonymous", "user", "admin"] as const)(
  "the whole router, called by %s with malformed input",
  (caller) => {
    it.each(procedures)("$path", async ({ path, type, schema }) => {
      // The state after the previous call; nothing else writes meanwhile (calls are sequential, no worker runs).
      let state = type === "mutation" ? await checksum() : "";
      await fc.assert(
        fc.asyncProperty(malformedInput(schema, MAX_DEPTH[type]), async (input) => {
          const answer = await call(path, type, input, tokens[caller]);
          checkAnswer(path, answer);
          if (type !== "mutation") return;
          const now = await checksum();
          // A refused mutation changes nothing. (One that succeeded on junk may write: the junk was valid.)
          if (answer.status >= 400)
            expect(now, `${path} wrote while refusing: ${answer.text.slice(0, 200)}`).toBe(state);
          state = now;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    });
  },
);

describe("after the fuzzing", () => {
  it("the server is healthy and answers normal calls for each caller", async () => {
    const health = await fetch(`${api.url}/system.health`);
    expect(health.status).toBe(200);
    const me = async (token: string | undefined) =>
      (await fetch(`${api.url}/users.me`, { headers: { authorization: `Bearer ${token}` } }))
        .status;
    expect(await me(tokens.user)).toBe(200);
    expect(await me(tokens.admin)).toBe(200);
    expect((await fetch(`${api.url}/users.me`)).status).toBe(401);
  });

  it("walked every procedure but the skipped ones", () => {
    const all = Object.values(
      appRouter._def.procedures as unknown as Record<string, ProcedureLike>,
    );
    const subscriptions = all.filter((procedure) => procedure._def.type === "subscription").length;
    expect(procedures.length).toBeGreaterThan(40);
    expect(procedures.length + SKIPPED.size + subscriptions).toBe(all.length);
  });
});
