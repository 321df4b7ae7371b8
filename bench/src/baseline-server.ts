/**
 * The yardstick: what a careful engineer would write by hand with node:http,
 * pg and jose for the same protected work as three procedures, and nothing
 * more. Each request verifies the access token as the API does (HS256, type,
 * issuer, audience, expiry, claims), opens one transaction whose first
 * round trip is BEGIN plus `app.begin_request` (the caller's scope, account
 * and session checks), sends the procedure's own SQL as the application
 * role (so the same policies apply), commits and answers JSON:
 *
 *   GET /users.me                    the caller's profile, roles and permissions
 *   GET /projects.list               first page of 50, with role and counts
 *   GET /workflows.instances.list?projectId=&state=   first page of 50 of a project
 *
 * Permission sets are kept in memory per user and reloaded when the access
 * version `begin_request` returns has moved, as the API's AccessCache does.
 * No framework, input schemas, logging or superjson: what the stack adds is
 * measured against this. Not for production: errors are bare.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

import { jwtVerify } from "jose";
import pg from "pg";

import { accessTokenConfig } from "@fastnext/auth";

import { benchEnv, serverConfig } from "./env";

const pool = new pg.Pool({
  connectionString: benchEnv.BENCH_APP_URL,
  max: benchEnv.BENCH_POOL_MAX,
});
const tokens = accessTokenConfig(serverConfig().auth);
// The signing key only: the baseline measures one key, as a single-key set.
const key = new TextEncoder().encode(tokens.keys[0].secret);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Access {
  version: number;
  roles: string[];
  permissions: string[];
}
const accessByUser = new Map<string, Access>();

class HttpError extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

async function verify(req: IncomingMessage): Promise<{ userId: string; sessionId: string }> {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer ")) throw new HttpError(401);
  try {
    const { payload } = await jwtVerify(header.slice(7), key, {
      algorithms: ["HS256"],
      typ: "at+jwt",
      issuer: tokens.issuer,
      audience: tokens.audience,
      clockTolerance: tokens.clockSkewSeconds,
      requiredClaims: ["exp", "iat", "sub", "jti"],
    });
    if (typeof payload.sub !== "string" || !uuid.test(payload.sub)) throw new HttpError(401);
    if (typeof payload.sid !== "string" || !uuid.test(payload.sid)) throw new HttpError(401);
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    throw new HttpError(401);
  }
}

type Work = (client: pg.PoolClient, userId: string, access: Access) => Promise<unknown>;

/** One request: token, one transaction opened with begin_request, the work, COMMIT. */
async function protectedRequest(req: IncomingMessage, work: Work): Promise<unknown> {
  const { userId, sessionId } = await verify(req);
  const client = await pool.connect();
  try {
    const cached = accessByUser.get(userId);
    const lit = pg.escapeLiteral;
    // BEGIN and the scope in one round trip (a simple-protocol message carries no parameters).
    const results = (await client.query(
      `BEGIN; SELECT * FROM app.begin_request(${lit(userId)}, ${lit(sessionId)}, ${lit(
        (cached?.permissions ?? []).join(","),
      )}, '')`,
    )) as unknown as pg.QueryResult[];
    const state = results[1]?.rows[0] as
      { is_active: boolean; access_version: number; session_valid: boolean } | undefined;
    if (!state?.is_active || !state.session_valid) throw new HttpError(401);
    let access = cached;
    if (!access || access.version !== state.access_version) {
      const { rows } = await client.query<{ roles: string[]; permissions: string[] }>(
        `SELECT ARRAY(SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                       WHERE ur.user_id = $1 ORDER BY r.key) AS roles,
                ARRAY(SELECT DISTINCT rp.permission_key FROM user_roles ur
                        JOIN role_permissions rp ON rp.role_id = ur.role_id
                       WHERE ur.user_id = $1) AS permissions`,
        [userId],
      );
      access = {
        version: state.access_version,
        roles: rows[0]?.roles ?? [],
        permissions: rows[0]?.permissions ?? [],
      };
      accessByUser.set(userId, access);
      await client.query("SELECT set_config('app.permissions', $1, true)", [
        access.permissions.join(","),
      ]);
    }
    const body = await work(client, userId, access);
    await client.query("COMMIT");
    return body;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const me: Work = async (client, userId, access) => {
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT id, name, email, is_active AS "isActive", is_superuser AS "isSuperuser", created_at AS "createdAt",
            updated_at AS "updatedAt", last_login_at AS "lastLoginAt", failed_login_count AS "failedLoginCount",
            locked_until AS "lockedUntil", avatar_url AS "avatarUrl", locale, time_zone AS "timeZone",
            two_factor_enabled AS "twoFactorEnabled"
       FROM users WHERE id = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user) throw new HttpError(404);
  return { user, roles: access.roles, permissions: [...access.permissions].sort() };
};

// The same fields as projects.list: the caller's role, computed for the
// page's rows only, and the member and open-instance counts kept per project.
const projects: Work = async (client, userId) => {
  const { rows } = await client.query(
    `SELECT p.id, p.name, p.description, p.visibility, p.archived_at AS "archivedAt",
            p.created_by_id AS "createdById", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
            (SELECT m.role FROM project_members m WHERE m.project_id = p.id AND m.user_id = $1::uuid) AS "myRole",
            c.member_count AS "memberCount", c.open_instance_count AS "openInstanceCount"
       FROM projects p LEFT JOIN project_counters c ON c.project_id = p.id WHERE p.archived_at IS NULL
      ORDER BY p.created_at DESC, p.id DESC LIMIT 51`,
    [userId],
  );
  return { items: rows.slice(0, 50), nextCursor: rows.length > 50 ? "more" : null };
};

function instances(url: URL): Work {
  const projectId = url.searchParams.get("projectId") ?? "";
  const state = url.searchParams.get("state");
  return async (client, userId) => {
    if (!uuid.test(projectId)) throw new HttpError(400);
    // The project and the caller's role on it; RLS hides a project the caller may not see.
    const project = await client.query(
      `SELECT p.visibility, (SELECT m.role FROM project_members m
                              WHERE m.project_id = p.id AND m.user_id = $2) AS role
         FROM projects p WHERE p.id = $1`,
      [projectId, userId],
    );
    if (project.rowCount === 0) throw new HttpError(404);
    const { rows } = await client.query(
      `SELECT i.id, i.project_id AS "projectId", i.template_id AS "templateId",
              json_build_object('key', t.key, 'version', t.version, 'name', t.name) AS template,
              i.title, i.data, i.state, i.version, i.assignee_id AS "assigneeId",
              i.state_entered_at AS "stateEnteredAt", i.completed_at AS "completedAt",
              i.created_by_id AS "createdById", i.created_at AS "createdAt", i.updated_at AS "updatedAt"
         FROM workflow_instances i JOIN workflow_templates t ON t.id = i.template_id
        WHERE i.project_id = $1 AND ($2::text IS NULL OR i.state = $2)
        ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
      [projectId, state],
    );
    return { items: rows.slice(0, 50), nextCursor: rows.length > 50 ? "more" : null };
  };
}

function route(url: URL): Work | null {
  switch (url.pathname) {
    case "/users.me":
      return me;
    case "/projects.list":
      return projects;
    case "/workflows.instances.list":
      return instances(url);
    default:
      return null;
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const work = route(new URL(req.url ?? "/", "http://localhost"));
  if (!work) return answer(res, 404, { error: "not found" });
  protectedRequest(req, work).then(
    (body) => answer(res, 200, body),
    (error: unknown) =>
      error instanceof HttpError
        ? answer(res, error.status, { error: error.status })
        : answer(res, 500, { error: String(error) }),
  );
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ listening: port }));
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
