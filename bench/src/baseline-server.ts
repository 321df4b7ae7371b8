/**
 * The yardstick: node:http + pg, nothing else. It answers the same list as
 * `projects.list` (first page of 50, newest first, with the caller's role
 * and the member and open-instance counts) under the same RLS
 * transaction (BEGIN, set_config, SELECT, COMMIT) as the app role, for the
 * user named in the `x-user-id` header. No framework, validation, tokens or
 * logging: what the stack adds is measured against this.
 */
import { createServer } from "node:http";
import { type AddressInfo } from "node:net";

import pg from "pg";

import { benchEnv } from "./env";

const pool = new pg.Pool({
  connectionString: benchEnv.BENCH_APP_URL,
  max: benchEnv.BENCH_POOL_MAX,
});

// The same fields as projects.list: the caller's role and the member and
// open-instance counts, computed for the page's rows only.
const LIST = `SELECT p.id, p.name, p.description, p.visibility, p.archived_at, p.created_by_id, p.created_at, p.updated_at,
                     (SELECT m.role FROM project_members m WHERE m.project_id = p.id AND m.user_id = $1::uuid) AS my_role,
                     (SELECT count(*)::int FROM project_members m WHERE m.project_id = p.id) AS member_count,
                     (SELECT count(*)::int FROM workflow_instances i
                       WHERE i.project_id = p.id AND i.completed_at IS NULL) AS open_instance_count
                FROM projects p WHERE p.archived_at IS NULL
               ORDER BY p.created_at DESC, p.id DESC LIMIT 51`;

const server = createServer((req, res) => {
  const userId = String(req.headers["x-user-id"] ?? "");
  void (async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', '', true)",
        [userId],
      );
      const { rows } = await client.query(LIST, [userId]);
      await client.query("COMMIT");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ items: rows.slice(0, 50), nextCursor: rows.length > 50 ? "more" : null }),
      );
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      res.writeHead(500).end(String(error));
    } finally {
      client.release();
    }
  })();
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ listening: port }));
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
