/**
 * What an export costs: a project of BENCH_EXPORT_ROWS items (each with
 * data fields and a history step) exported by the worker's own code path
 * (`runTransfer` with the export runner: the requester's scope, the
 * cursor, the writer, local storage), once per format, against a
 * hand-written baseline doing the same protected work (one pg connection
 * as the application role, the same scope and SELECT through a cursor,
 * rows joined into CSV lines and written to a file). Prints rows per
 * second and how far the process's RSS grew above where it started; the
 * budget is < 100 MB at 500,000 rows. Asserts nothing.
 *
 *   pnpm --filter @fastnext/bench bench:export
 *   BENCH_EXPORT_ROWS=50000 pnpm --filter @fastnext/bench bench:export
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";

import {
  importLimitsOf,
  readTransferEnv,
  runTransfer,
  transferRunners,
  type TransferSettings,
} from "@fastnext/core/transfers";
import { createPrismaClient } from "@fastnext/db";
import { createLogger } from "@fastnext/logger";
import { createLocalStorage } from "@fastnext/storage";

import { openBenchDatabase } from "./database";
import { benchEnv } from "./env";

const ROWS = benchEnv.BENCH_EXPORT_ROWS;
const MB = 1024 * 1024;

const db = await openBenchDatabase();
const root = await mkdtemp(path.join(tmpdir(), "bench-export-"));
const admin = new pg.Client({ connectionString: db.adminUrl });
await admin.connect();

const owner = randomUUID();
const project = randomUUID();

async function seed(): Promise<void> {
  const type = randomUUID();
  const template = randomUUID();
  await admin.query(
    `INSERT INTO users (id, email, name, password_hash, updated_at)
     VALUES ($1, 'exporter@example.com', 'Exporter', 'x', now())`,
    [owner],
  );
  await admin.query(
    `INSERT INTO projects (id, name, created_by_id, updated_at) VALUES ($1, 'Export bench', $2, now())`,
    [project, owner],
  );
  await admin.query(
    `INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`,
    [project, owner],
  );
  await admin.query(
    `INSERT INTO workflow_types (id, key, name, updated_at) VALUES ($1, 'bench_export', 'Orders', now())`,
    [type],
  );
  await admin.query(
    `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, published_at, updated_at)
     VALUES ($1, $2, 'bench_order', 1, 'Order', 'published', $3, now(), now())`,
    [
      template,
      type,
      JSON.stringify({
        dataFields: [
          { key: "amount", label: "Amount", type: "number", required: false },
          { key: "customer", label: "Customer", type: "string", required: false },
        ],
        states: [
          { key: "open", name: "Open", kind: "initial" },
          { key: "done", name: "Done", kind: "final" },
        ],
        transitions: [],
      }),
    ],
  );
  // The items are consistent by construction: their per-row triggers (and
  // foreign-key checks) would make seeding, not exporting, the long part.
  await admin.query("SET session_replication_role = replica");
  await admin.query(
    `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, assignee_id, created_by_id,
                                     created_at, updated_at)
     SELECT gen_random_uuid(), $1, $2, 'Order ' || n,
            jsonb_build_object('amount', n, 'customer', 'Customer ' || (n % 997)),
            'open', $3, $3, now() - make_interval(secs => $4 - n), now()
       FROM generate_series(1, $4::int) n`,
    [project, template, owner, ROWS],
  );
  await admin.query(
    `INSERT INTO workflow_history (id, instance_id, project_id, to_state, actor_id, version_after, created_at)
     SELECT gen_random_uuid(), i.id, i.project_id, 'open', $2, 1, i.created_at
       FROM workflow_instances i WHERE i.project_id = $1`,
    [project, owner],
  );
  await admin.query("SET session_replication_role = DEFAULT");
  await admin.query("ANALYZE");
}

/** Samples this process's RSS while `work` runs; the growth is the peak minus the start. */
async function measured<T>(work: () => Promise<T>) {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const began = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - began) / 1000, growthMb: (peak - start) / MB };
  } finally {
    clearInterval(timer);
  }
}

const settings: TransferSettings = {
  progressEveryRows: 5_000,
  progressEveryMs: 1_000,
  exportRetentionSeconds: 3_600,
  exportMaxBytes: 16 * 1024 * MB,
  transactionTimeoutMs: 3_600_000,
  // Exports only here: the import limits are the product's defaults.
  importLimits: importLimitsOf(readTransferEnv({})),
};

async function product(format: "csv" | "ndjson" | "json" | "xlsx") {
  const system = createPrismaClient({ connectionString: db.systemUrl, max: 2 });
  const pool = createPrismaClient({ connectionString: db.appUrl, max: 2 });
  const id = randomUUID();
  await admin.query(
    `INSERT INTO data_transfers (id, kind, requested_by, project_id, resource, format)
     VALUES ($1, 'export', $2, $3, 'workflow_instances', $4)`,
    [id, owner, project, format],
  );
  try {
    const run = await measured(() =>
      runTransfer(
        {
          system,
          pool,
          storage: createLocalStorage({ root }),
          settings,
          runners: transferRunners,
          log: createLogger("bench-export"),
        },
        id,
        { retryCount: 0, retryLimit: 0 },
      ),
    );
    const { rows } = await admin.query<{
      processed_rows: number;
      byte_size: number;
      status: string;
    }>("SELECT processed_rows, byte_size, status FROM data_transfers WHERE id = $1", [id]);
    return { ...run, ...rows[0] };
  } finally {
    await Promise.all([system.$disconnect(), pool.$disconnect()]);
  }
}

/** The same protected read by hand: app role, the same scope, a cursor, CSV lines to a file. */
async function baseline() {
  const client = new pg.Client({ connectionString: db.appUrl });
  await client.connect();
  const file = path.join(root, "baseline.csv");
  try {
    return await measured(async () => {
      const out = createWriteStream(file);
      await client.query("BEGIN READ ONLY");
      await client.query(
        "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', '', true)",
        [owner],
      );
      await client.query(
        `DECLARE rows NO SCROLL CURSOR FOR
         SELECT i.id, i.title, i.state, t.key, a.email, i.data->>'amount', i.data->>'customer',
                (SELECT string_agg(h.to_state, ' ') FROM workflow_history h
                  WHERE h.instance_id = i.id AND h.project_id = i.project_id),
                i.created_at
           FROM workflow_instances i JOIN workflow_templates t ON t.id = i.template_id
           LEFT JOIN users a ON a.id = i.assignee_id
          WHERE i.project_id = '${project}' ORDER BY i.created_at, i.id`,
      );
      let count = 0;
      for (;;) {
        const { rows }: pg.QueryArrayResult = await client.query({
          text: "FETCH 1000 FROM rows",
          rowMode: "array",
        });
        if (rows.length === 0) break;
        let text = "";
        for (const row of rows as unknown[][]) {
          text += `${row.map((v) => (v instanceof Date ? v.toISOString() : JSON.stringify(v ?? ""))).join(",")}\r\n`;
        }
        count += rows.length;
        if (!out.write(text))
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      await client.query("COMMIT");
      await new Promise<void>((resolve) => out.end(() => resolve()));
      return { rows: count, bytes: (await stat(file)).size };
    });
  } finally {
    await client.end();
  }
}

try {
  const seeded = await measured(seed);
  console.log(`seeded ${ROWS} items with a history step each in ${seeded.seconds.toFixed(1)} s`);
  console.log("| run | rows | MB written | seconds | rows/s | RSS growth (MB) |");
  console.log("|---|---:|---:|---:|---:|---:|");
  const hand = await baseline();
  console.log(
    `| baseline: pg cursor, CSV by hand | ${hand.result.rows} | ${(hand.result.bytes / MB).toFixed(1)} | ${hand.seconds.toFixed(1)} | ${Math.round(hand.result.rows / hand.seconds)} | ${hand.growthMb.toFixed(1)} |`,
  );
  // The first export of the process also pays its one-time start-up (the
  // Prisma client's query compiler, the writers' modules): shown apart.
  const runs = [
    ["csv", "first of the process"],
    ["csv", ""],
    ["ndjson", ""],
    ["json", ""],
    ["xlsx", ""],
  ] as const;
  for (const [format, note] of runs) {
    const run = await product(format);
    console.log(
      `| export ${format}${note ? `, ${note}` : ""} (${run.status}) | ${run.processed_rows ?? 0} | ${((run.byte_size ?? 0) / MB).toFixed(1)} | ${run.seconds.toFixed(1)} | ${Math.round((run.processed_rows ?? 0) / run.seconds)} | ${run.growthMb.toFixed(1)} |`,
    );
  }
} finally {
  await admin.end();
  await rm(root, { recursive: true, force: true });
  await db.close();
}
