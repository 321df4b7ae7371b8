/**
 * What Row Level Security costs at the SQL level, on the benchmark's data
 * set: every list statement as the application role against the same
 * statement with explicit filters and no RLS (EXPLAIN ANALYZE, see
 * sql-cost.ts), with the plans of projects.list and the instance list. What
 * a whole request costs against hand-written code doing the same protected
 * work is `pnpm bench`'s. Prints figures; asserts nothing.
 *
 *   pnpm --filter @fastnext/bench bench:rls
 *   BENCH_MODE=smoke pnpm --filter @fastnext/bench bench:rls
 */
import { openBenchDatabase } from "./database";
import { FULL, seedDataset, SMOKE } from "./dataset";
import { benchEnv } from "./env";
import { measureSqlCost } from "./sql-cost";

const db = await openBenchDatabase();
const dataset = await seedDataset(
  db.adminUrl,
  benchEnv.BENCH_MODE === "smoke" ? SMOKE : FULL,
).catch(async (error: unknown) => {
  await db.close();
  throw error;
});

try {
  await measureSqlCost(db, dataset, { plans: true });
} finally {
  await db.close();
}
