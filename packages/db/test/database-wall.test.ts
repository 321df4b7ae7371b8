import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../src/testing";

/*
 * The database as the second wall: what the services promise, checked with
 * plain SQL on the application role's own login, as a service that got a
 * query wrong would send it. Every statement runs in a transaction that is
 * rolled back, so the fixtures stay as written below.
 */

let db: TestDatabase;
let admin: pg.Client;
let app: pg.Client;
let system: pg.Client;

const ada = randomUUID(); // owner of both projects
const bob = randomUUID(); // editor of both projects
const cy = randomUUID(); // viewer of both projects
const dee = randomUUID(); // in no project
const home = randomUUID();
const other = randomUUID();
const template = randomUUID();
const instance = randomUUID();
const comment = randomUUID(); // Bob's, on the instance
const type = randomUUID();
const homeTemplate = randomUUID(); // home's own template

interface Caller {
  userId: string | null;
  permissions?: readonly string[];
}

const NOBODY: Caller = { userId: null };

/** Runs one statement on `client` as `caller` (the settings a request's transaction sets), then rolls back. */
async function run<R extends pg.QueryResultRow = Record<string, unknown>>(
  client: pg.Client,
  caller: Caller,
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  await client.query("BEGIN");
  try {
    await client.query(
      "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', $2, true)",
      [caller.userId ?? "", (caller.permissions ?? []).join(",")],
    );
    return await client.query<R>(sql, params);
  } finally {
    await client.query("ROLLBACK");
  }
}

const asApp = <R extends pg.QueryResultRow = Record<string, unknown>>(
  caller: Caller,
  sql: string,
  params?: unknown[],
) => run<R>(app, caller, sql, params);

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  app = new pg.Client({ connectionString: db.appUrl });
  system = new pg.Client({ connectionString: db.systemUrl });
  await Promise.all([admin.connect(), app.connect(), system.connect()]);
  for (const [id, name] of [
    [ada, "ada"],
    [bob, "bob"],
    [cy, "cy"],
    [dee, "dee"],
  ] as const) {
    await admin.query(
      `INSERT INTO users (id, email, name, password_hash, two_factor_enabled, two_factor_secret, two_factor_pending,
                          two_factor_last_step, updated_at)
       VALUES ($1, $2, $3, $4, true, $5, $6, 100, now())`,
      [id, `${name}@example.com`, name, `hash-of-${name}`, `sealed-${name}`, `pending-${name}`],
    );
  }
  for (const project of [home, other]) {
    await admin.query(
      "INSERT INTO projects (id, name, created_by_id, updated_at) VALUES ($1, 'Project', $2, now())",
      [project, ada],
    );
    await admin.query(
      `INSERT INTO project_members (project_id, user_id, role)
       VALUES ($1, $2, 'owner'), ($1, $3, 'editor'), ($1, $4, 'viewer')`,
      [project, ada, bob, cy],
    );
  }
  await admin.query(
    "INSERT INTO workflow_types (id, key, name, updated_at) VALUES ($1, 'wall_type', 'Type', now())",
    [type],
  );
  await admin.query(
    `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, updated_at)
     VALUES ($1, $2, 'wall', 1, 'Wall', 'published', '{}', now())`,
    [template, type],
  );
  await admin.query(
    `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, project_id, updated_at)
     VALUES ($1, $2, 'wall_home', 1, 'Home only', 'published', '{}', $3, now())`,
    [homeTemplate, type, home],
  );
  await admin.query(
    `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, created_by_id, updated_at)
     VALUES ($1, $2, $3, 'Purchase', '{"amount": 10}', 'draft', $4, now())`,
    [instance, home, template, ada],
  );
  await admin.query(
    `INSERT INTO workflow_comments (id, instance_id, project_id, author_id, body)
     VALUES ($1, $2, $3, $4, 'Looks fine')`,
    [comment, instance, home, bob],
  );
});

afterAll(async () => {
  await Promise.all([app.end(), system.end(), admin.end()]);
  await db.drop();
});

describe("credentials are their owner's alone", () => {
  const secrets = [
    "password_hash",
    "two_factor_secret",
    "two_factor_pending",
    "two_factor_last_step",
  ];

  it("a co-member sees Ada's name, and none of her secrets", async () => {
    const named = await asApp({ userId: bob }, "SELECT name FROM users WHERE id = $1", [ada]);
    expect(named.rows).toEqual([{ name: "ada" }]);
    for (const column of secrets) {
      await expect(
        asApp({ userId: bob }, `SELECT ${column} FROM users WHERE id = $1`, [ada]),
        column,
      ).rejects.toThrow(/permission denied for table users/);
    }
    await expect(
      asApp({ userId: bob }, "SELECT * FROM users WHERE id = $1", [ada]),
    ).rejects.toMatchObject({
      code: "42501",
    });
  });

  it("neither does a holder of user.read, nor the owner through an ordinary query", async () => {
    const reader: Caller = { userId: dee, permissions: ["user.read", "user.manage"] };
    await expect(
      asApp(reader, "SELECT password_hash FROM users WHERE id = $1", [ada]),
    ).rejects.toMatchObject({
      code: "42501",
    });
    await expect(
      asApp({ userId: ada }, "SELECT two_factor_secret FROM users WHERE id = $1", [ada]),
    ).rejects.toMatchObject({ code: "42501" });
    // Filtering on a secret would reveal it a guess at a time: refused as well.
    await expect(
      asApp(reader, "SELECT id FROM users WHERE password_hash LIKE 'hash-of-a%'"),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("every other column stays readable, so views of users keep working", async () => {
    const { rows } = await asApp(
      { userId: bob },
      "SELECT name, email, is_active, two_factor_enabled, locked_until FROM users WHERE id = $1",
      [ada],
    );
    expect(rows).toEqual([
      {
        name: "ada",
        email: "ada@example.com",
        is_active: true,
        two_factor_enabled: true,
        locked_until: null,
      },
    ]);
  });

  it("app.my_credentials gives the caller their own, and nobody's to an unscoped connection", async () => {
    const own = await asApp({ userId: ada }, "SELECT * FROM app.my_credentials()");
    expect(own.rows).toEqual([
      {
        password_hash: "hash-of-ada",
        two_factor_secret: "sealed-ada",
        two_factor_pending: "pending-ada",
      },
    ]);
    const bobs = await asApp<{ password_hash: string }>(
      { userId: bob, permissions: ["user.read"] },
      "SELECT * FROM app.my_credentials()",
    );
    expect(bobs.rows.map((row) => row.password_hash)).toEqual(["hash-of-bob"]);
    expect((await asApp(NOBODY, "SELECT * FROM app.my_credentials()")).rows).toEqual([]);
  });

  it("app.record_totp_step moves only the caller's own step, and only forward", async () => {
    const step = async (caller: Caller, value: number) =>
      (
        await asApp<{ recorded: boolean }>(caller, "SELECT app.record_totp_step($1) AS recorded", [
          value,
        ])
      ).rows[0]?.recorded;
    expect(await step({ userId: ada }, 101)).toBe(true);
    expect(await step({ userId: ada }, 100)).toBe(false);
    expect(await step({ userId: ada }, 99)).toBe(false);
    expect(await step(NOBODY, 500)).toBe(false);
    const { rows } = await admin.query(
      "SELECT two_factor_last_step AS step FROM users WHERE id = $1",
      [ada],
    );
    expect(rows).toEqual([{ step: 100 }]);
  });

  it("the owner writes their secrets with a plain UPDATE, and a user manager cannot", async () => {
    const updated = await asApp(
      { userId: ada },
      "UPDATE users SET password_hash = 'new-hash', two_factor_pending = NULL WHERE id = $1",
      [ada],
    );
    expect(updated.rowCount).toBe(1);
    const manager: Caller = { userId: dee, permissions: ["user.read", "user.manage"] };
    for (const change of [
      "password_hash = 'known-hash'",
      "two_factor_secret = NULL",
      "two_factor_pending = 'sealed-by-someone-else'",
      "two_factor_last_step = NULL",
    ]) {
      await expect(
        asApp(manager, `UPDATE users SET ${change} WHERE id = $1`, [ada]),
        change,
      ).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/only its owner/) });
    }
    const renamed = await asApp(manager, "UPDATE users SET name = 'Ada L.' WHERE id = $1", [ada]);
    expect(renamed.rowCount).toBe(1);
  });
});

describe("workflow instances change only as the services change them", () => {
  const viewer: Caller = { userId: cy };
  const editor: Caller = { userId: bob };

  it("a viewer cannot assign, nor touch the project, template, title or data", async () => {
    await expect(
      asApp(
        viewer,
        "UPDATE workflow_instances SET assignee_id = $1, version = version + 1 WHERE id = $2",
        [cy, instance],
      ),
    ).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/editor or owner/) });
    for (const change of [
      ["project_id = $1", other],
      ["template_id = $1", randomUUID()],
      ["title = $1", "Renamed"],
      ["data = $1", '{"amount": 1000000}'],
    ] as const) {
      await expect(
        asApp(viewer, `UPDATE workflow_instances SET ${change[0]} WHERE id = $2`, [
          change[1],
          instance,
        ]),
        change[0],
      ).rejects.toThrow(/permission denied for table workflow_instances/);
    }
  });

  it("a viewer may still move the state: which transitions a role may fire is the template's rule", async () => {
    const moved = await asApp(
      viewer,
      "UPDATE workflow_instances SET state = 'submitted', version = version + 1, state_entered_at = now() WHERE id = $1",
      [instance],
    );
    expect(moved.rowCount).toBe(1);
  });

  it("an editor assigns a member, but not an outsider, and cannot move the instance to another project", async () => {
    const assigned = await asApp(
      editor,
      "UPDATE workflow_instances SET assignee_id = $1, version = version + 1 WHERE id = $2 RETURNING assignee_id",
      [cy, instance],
    );
    expect(assigned.rows).toEqual([{ assignee_id: cy }]);
    await expect(
      asApp(editor, "UPDATE workflow_instances SET assignee_id = $1 WHERE id = $2", [
        dee,
        instance,
      ]),
    ).rejects.toMatchObject({ code: "23514", constraint: "workflow_instances_assignee_member" });
    await expect(
      asApp(editor, "UPDATE workflow_instances SET project_id = $1 WHERE id = $2", [
        other,
        instance,
      ]),
    ).rejects.toThrow(/permission denied for table workflow_instances/);
  });

  it("project.manage_all assigns without being a member", async () => {
    const manager: Caller = {
      userId: dee,
      permissions: ["project.read_all", "project.manage_all"],
    };
    const assigned = await asApp(
      manager,
      "UPDATE workflow_instances SET assignee_id = $1 WHERE id = $2",
      [bob, instance],
    );
    expect(assigned.rowCount).toBe(1);
  });

  it("not even the system login moves an instance to another project or template", async () => {
    await expect(
      run(system, NOBODY, "UPDATE workflow_instances SET project_id = $1 WHERE id = $2", [
        other,
        instance,
      ]),
    ).rejects.toMatchObject({ code: "23514", constraint: "workflow_instances_fixed_project" });
    const fired = await run(
      system,
      NOBODY,
      "UPDATE workflow_instances SET state = 'expired' WHERE id = $1",
      [instance],
    );
    expect(fired.rowCount).toBe(1);
  });
});

describe("attachments are read like their instance and written by its editors as themselves", () => {
  const file = randomUUID();
  const insert = `INSERT INTO workflow_attachments
      (id, instance_id, project_id, uploader_id, file_name, content_type, size, storage_key)
    VALUES (gen_random_uuid(), $1, $2, $3, 'a.txt', 'text/plain', 1, gen_random_uuid()::text)`;

  beforeAll(async () => {
    await admin.query(
      `INSERT INTO workflow_attachments
         (id, instance_id, project_id, uploader_id, file_name, content_type, size, storage_key)
       VALUES ($1, $2, $3, $4, 'bob.pdf', 'application/pdf', 10, $5)`,
      [file, instance, home, bob, file],
    );
  });

  it("members see the file, an outsider does not", async () => {
    for (const reader of [ada, bob, cy]) {
      const seen = await asApp(
        { userId: reader },
        "SELECT id FROM workflow_attachments WHERE id = $1",
        [file],
      );
      expect(seen.rowCount, reader).toBe(1);
    }
    const outsider = await asApp(
      { userId: dee },
      "SELECT id FROM workflow_attachments WHERE id = $1",
      [file],
    );
    expect(outsider.rowCount).toBe(0);
  });

  it("an editor attaches as themself only; a viewer not at all; never under another project", async () => {
    expect((await asApp({ userId: bob }, insert, [instance, home, bob])).rowCount).toBe(1);
    await expect(asApp({ userId: bob }, insert, [instance, home, ada])).rejects.toThrow(
      /row-level security/,
    );
    await expect(asApp({ userId: cy }, insert, [instance, home, cy])).rejects.toThrow(
      /row-level security/,
    );
    // The instance is in `home`: the copied project id cannot say otherwise.
    await expect(asApp({ userId: bob }, insert, [instance, other, bob])).rejects.toMatchObject({
      code: "23503",
    });
  });

  it("the uploader or an owner removes it; a viewer cannot; nobody changes it", async () => {
    const byViewer = await asApp({ userId: cy }, "DELETE FROM workflow_attachments WHERE id = $1", [
      file,
    ]);
    expect(byViewer.rowCount).toBe(0);
    for (const remover of [bob, ada]) {
      const removed = await asApp(
        { userId: remover },
        "DELETE FROM workflow_attachments WHERE id = $1",
        [file],
      );
      expect(removed.rowCount, remover).toBe(1);
    }
    await expect(
      asApp({ userId: bob }, "UPDATE workflow_attachments SET file_name = 'x' WHERE id = $1", [
        file,
      ]),
    ).rejects.toThrow(/permission denied for table workflow_attachments/);
  });
});

describe("exports and imports are their requester's alone, and only the worker moves them", () => {
  const transfer = randomUUID(); // Bob's running export of home's items
  const insert = `INSERT INTO data_transfers (id, kind, requested_by, project_id, resource, format, status)
    VALUES (gen_random_uuid(), 'export', $1, $2, 'workflow_instances', 'csv', $3)`;

  beforeAll(async () => {
    await admin.query(
      `INSERT INTO data_transfers (id, kind, requested_by, project_id, resource, format, status, storage_key)
       VALUES ($1, 'export', $2, $3, 'workflow_instances', 'csv', 'running', $4)`,
      [transfer, bob, home, `projects/${home}/exports/${transfer}.csv`],
    );
  });

  it("only the requester sees it, not even the project's owner", async () => {
    const select = "SELECT id FROM data_transfers WHERE id = $1";
    expect((await asApp({ userId: bob }, select, [transfer])).rowCount).toBe(1);
    for (const other of [ada, cy, dee]) {
      expect((await asApp({ userId: other }, select, [transfer])).rowCount, other).toBe(0);
    }
  });

  it("a request is the caller's own, queued, in a project they can open", async () => {
    expect((await asApp({ userId: cy }, insert, [cy, home, "queued"])).rowCount).toBe(1);
    expect((await asApp({ userId: dee }, insert, [dee, null, "queued"])).rowCount).toBe(1);
    await expect(asApp({ userId: cy }, insert, [bob, home, "queued"])).rejects.toThrow(
      /row-level security/,
    );
    await expect(asApp({ userId: cy }, insert, [cy, home, "succeeded"])).rejects.toThrow(
      /row-level security/,
    );
    await expect(asApp({ userId: dee }, insert, [dee, home, "queued"])).rejects.toThrow(
      /row-level security/,
    );
  });

  it("the requester may cancel it and nothing else; the worker records the rest", async () => {
    const cancel = "UPDATE data_transfers SET status = 'cancelled' WHERE id = $1";
    expect((await asApp({ userId: bob }, cancel, [transfer])).rowCount).toBe(1);
    expect((await asApp({ userId: ada }, cancel, [transfer])).rowCount).toBe(0);
    await expect(
      asApp({ userId: bob }, "UPDATE data_transfers SET status = 'succeeded' WHERE id = $1", [
        transfer,
      ]),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asApp({ userId: bob }, "UPDATE data_transfers SET storage_key = 'x' WHERE id = $1", [
        transfer,
      ]),
    ).rejects.toThrow(/permission denied for table data_transfers/);
    await expect(
      asApp({ userId: bob }, "DELETE FROM data_transfers WHERE id = $1", [transfer]),
    ).rejects.toThrow(/permission denied for table data_transfers/);
    await system.query("BEGIN");
    try {
      const moved = await system.query(
        "UPDATE data_transfers SET processed_rows = 10, status = 'succeeded' WHERE id = $1",
        [transfer],
      );
      expect(moved.rowCount).toBe(1);
    } finally {
      await system.query("ROLLBACK");
    }
  });
});

describe("import keys are read like the project and written by its editors", () => {
  const insert = `INSERT INTO workflow_import_keys (project_id, template_key, key, instance_id)
    VALUES ($1, 'wall', $2, $3)`;

  it("an editor records a key; a viewer or an outsider cannot; nobody changes or removes one", async () => {
    expect((await asApp({ userId: bob }, insert, [home, "key:1", instance])).rowCount).toBe(1);
    for (const refused of [cy, dee]) {
      await expect(asApp({ userId: refused }, insert, [home, "key:1", instance])).rejects.toThrow(
        /row-level security/,
      );
    }
    // The instance is in `home`: a key cannot file it under another project.
    await expect(asApp({ userId: bob }, insert, [other, "key:1", instance])).rejects.toMatchObject({
      code: "23503",
    });
    await expect(
      asApp({ userId: bob }, "UPDATE workflow_import_keys SET key = 'x'"),
    ).rejects.toThrow(/permission denied for table workflow_import_keys/);
    await expect(asApp({ userId: ada }, "DELETE FROM workflow_import_keys")).rejects.toThrow(
      /permission denied for table workflow_import_keys/,
    );
  });

  it("members read the keys, an outsider does not", async () => {
    await admin.query(
      "INSERT INTO workflow_import_keys (project_id, template_key, key, instance_id) VALUES ($1, 'wall-read', 'k', $2)",
      [home, instance],
    );
    try {
      const query = "SELECT key FROM workflow_import_keys WHERE template_key = 'wall-read'";
      for (const reader of [ada, bob, cy]) {
        expect((await asApp({ userId: reader }, query)).rowCount, reader).toBe(1);
      }
      expect((await asApp({ userId: dee }, query)).rowCount).toBe(0);
    } finally {
      await admin.query("DELETE FROM workflow_import_keys WHERE template_key = 'wall-read'");
    }
  });
});

describe("comments are written by members in their own name, changed only by their author", () => {
  const insert =
    "INSERT INTO workflow_comments (id, instance_id, project_id, author_id, body) VALUES (gen_random_uuid(), $1, $2, $3, 'Hello')";
  const manager: Caller = { userId: dee, permissions: ["project.read_all", "project.manage_all"] };

  it("an outsider neither reads nor writes them", async () => {
    const read = await asApp({ userId: dee }, "SELECT id FROM workflow_comments");
    expect(read.rows).toEqual([]);
    await expect(asApp({ userId: dee }, insert, [instance, home, dee])).rejects.toMatchObject({
      code: "42501",
      message: expect.stringMatching(/row-level security/),
    });
  });

  it("a viewer comments as themself, never in someone else's name", async () => {
    expect((await asApp({ userId: cy }, insert, [instance, home, cy])).rowCount).toBe(1);
    await expect(asApp({ userId: cy }, insert, [instance, home, bob])).rejects.toMatchObject({
      code: "42501",
    });
  });

  it("a comment cannot claim another project than its instance's", async () => {
    // Bob is a member of both: only the foreign key on (instance, project) stops it.
    await expect(asApp({ userId: bob }, insert, [instance, other, bob])).rejects.toMatchObject({
      code: "23503",
      constraint: "workflow_comments_instance_id_project_id_fkey",
    });
  });

  it("only the author rewrites the text, and nobody moves a comment or changes its author", async () => {
    const others = await asApp(
      { userId: ada },
      "UPDATE workflow_comments SET body = 'Rewritten', edited_at = now() WHERE id = $1",
      [comment],
    );
    expect(others.rowCount).toBe(0);
    const own = await asApp(
      { userId: bob },
      "UPDATE workflow_comments SET body = 'Looks good', edited_at = now() WHERE id = $1",
      [comment],
    );
    expect(own.rowCount).toBe(1);
    for (const change of [
      ["author_id = $1", ada],
      ["project_id = $1", other],
      ["instance_id = $1", randomUUID()],
      ["created_at = $1", "2000-01-01T00:00:00Z"],
    ] as const) {
      await expect(
        asApp({ userId: bob }, `UPDATE workflow_comments SET ${change[0]} WHERE id = $2`, [
          change[1],
          comment,
        ]),
        change[0],
      ).rejects.toThrow(/permission denied for table workflow_comments/);
    }
    expect(
      (await asApp(manager, "UPDATE workflow_comments SET body = 'x' WHERE id = $1", [comment]))
        .rowCount,
    ).toBe(0);
  });

  it("the author or project.manage_all deletes it, another member cannot", async () => {
    const remove = "DELETE FROM workflow_comments WHERE id = $1";
    expect((await asApp({ userId: ada }, remove, [comment])).rowCount).toBe(0);
    expect((await asApp({ userId: cy }, remove, [comment])).rowCount).toBe(0);
    expect((await asApp({ userId: bob }, remove, [comment])).rowCount).toBe(1);
    expect((await asApp(manager, remove, [comment])).rowCount).toBe(1);
  });
});

describe("a project's templates are its owners' to write and its readers' to read", () => {
  const owner: Caller = { userId: ada };
  const editor: Caller = { userId: bob };
  const outsider: Caller = { userId: dee };
  const insertTemplate = `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, project_id, updated_at)
     VALUES ($1, $2, $3, 1, 'New', 'draft', '{}', $4, now()) RETURNING id`;

  it("an owner inserts a template of their project, an editor cannot", async () => {
    const inserted = await asApp(owner, insertTemplate, [randomUUID(), type, "wall_owned", home]);
    expect(inserted.rowCount).toBe(1);
    await expect(
      asApp(editor, insertTemplate, [randomUUID(), type, "wall_edited", home]),
    ).rejects.toMatchObject({
      code: "42501",
      message: expect.stringMatching(/row-level security policy/),
    });
  });

  it("an owner without workflow.manage cannot insert an installation-wide template", async () => {
    await expect(
      asApp(owner, insertTemplate, [randomUUID(), type, "wall_global", null]),
    ).rejects.toMatchObject({ code: "42501" });
    const manager: Caller = { userId: dee, permissions: ["workflow.manage"] };
    const inserted = await asApp(manager, insertTemplate, [
      randomUUID(),
      type,
      "wall_global",
      null,
    ]);
    expect(inserted.rowCount).toBe(1);
  });

  it("an outsider reads neither the template nor an update of it, members read it", async () => {
    const visible = "SELECT id FROM workflow_templates WHERE id = ANY($1::uuid[]) ORDER BY key";
    const seen = await asApp(outsider, visible, [[template, homeTemplate]]);
    expect(seen.rows).toEqual([{ id: template }]);
    const changed = await asApp(
      { userId: dee, permissions: ["project.create"] },
      "UPDATE workflow_templates SET name = 'Taken' WHERE id = $1",
      [homeTemplate],
    );
    expect(changed.rowCount).toBe(0);
    const viewed = await asApp({ userId: cy }, visible, [[homeTemplate]]);
    expect(viewed.rows).toEqual([{ id: homeTemplate }]);
  });

  it("an owner of two projects cannot move a template from one to the other", async () => {
    await expect(
      asApp(owner, "UPDATE workflow_templates SET project_id = $1 WHERE id = $2", [
        other,
        homeTemplate,
      ]),
    ).rejects.toMatchObject({ code: "23514", constraint: "workflow_templates_fixed_project" });
    await expect(
      asApp(owner, "UPDATE workflow_templates SET project_id = NULL WHERE id = $1", [homeTemplate]),
    ).rejects.toMatchObject({ code: "23514", constraint: "workflow_templates_fixed_project" });
  });

  it("owners turn an installation template off for their project, editors cannot", async () => {
    const disable =
      "INSERT INTO project_disabled_templates (project_id, template_key) VALUES ($1, 'wall') RETURNING template_key";
    const done = await asApp(owner, disable, [home]);
    expect(done.rows).toEqual([{ template_key: "wall" }]);
    await expect(asApp(editor, disable, [home])).rejects.toMatchObject({ code: "42501" });
    await expect(asApp(outsider, disable, [home])).rejects.toMatchObject({ code: "42501" });
  });
});

describe("events are raised by a caller, in that caller's name, each with its dispatch job", () => {
  // What emitEvent sends: pg-boss's dispatch job under the new event's id, then the event.
  const enqueue =
    "INSERT INTO pgboss.job (id, name, data) VALUES ($1::uuid, 'events.dispatch', jsonb_build_object('eventId', $1::text))";
  const record =
    "INSERT INTO domain_events (id, name, payload) VALUES ($1::uuid, 'user.registered', jsonb_build_object('userId', $1::text))";

  async function eventCount(): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM domain_events",
    );
    return rows[0]?.n ?? -1;
  }

  /** Enqueues and records one event in one committed transaction of `client`. */
  async function emitAs(client: pg.Client, caller: Caller): Promise<string> {
    const id = randomUUID();
    await client.query("BEGIN");
    try {
      await client.query("SELECT set_config('app.user_id', $1, true)", [caller.userId ?? ""]);
      await client.query(enqueue, [id]);
      await client.query(record, [id]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    return id;
  }

  it("an unscoped application connection can neither enqueue nor record an event", async () => {
    const before = await eventCount();
    const id = randomUUID();
    await expect(asApp(NOBODY, enqueue, [id])).rejects.toMatchObject({
      code: "42501",
      message: expect.stringMatching(/row-level security/),
    });
    await expect(asApp(NOBODY, record, [id])).rejects.toMatchObject({ code: "42501" });
    expect(await eventCount()).toBe(before);
  });

  it("a scoped caller emits as themself and cannot write an event in anyone else's name", async () => {
    const id = await emitAs(app, { userId: ada });
    const stored = await admin.query(
      "SELECT e.actor_id, j.name FROM domain_events e JOIN pgboss.job j ON j.id = e.id WHERE e.id = $1",
      [id],
    );
    expect(stored.rows).toEqual([{ actor_id: ada, name: "events.dispatch" }]);
    await expect(
      asApp(
        { userId: ada },
        "INSERT INTO domain_events (id, name, payload, actor_id) VALUES (gen_random_uuid(), 'user.registered', '{}', $1)",
        [bob],
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("a scoped caller cannot record an event without its dispatch job", async () => {
    const before = await eventCount();
    await expect(asApp({ userId: ada }, record, [randomUUID()])).rejects.toMatchObject({
      code: "23000",
      message: expect.stringMatching(/has no dispatch job/),
    });
    expect(await eventCount()).toBe(before);
  });

  it("the system login still emits in nobody's name (workflow time-outs)", async () => {
    const id = await emitAs(system, NOBODY);
    const stored = await admin.query("SELECT actor_id FROM domain_events WHERE id = $1", [id]);
    expect(stored.rows).toEqual([{ actor_id: null }]);
  });
});
