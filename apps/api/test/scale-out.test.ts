import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "@fastnext/db";
import { seedDemoData } from "@fastnext/db/admin";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { ADMIN, signedIn, type ChildUnderTest } from "@fastnext/test-support";

import {
  clientAddress,
  clientOf,
  failureCode,
  redisAnswers,
  startApiInstance,
  startMailbox,
  startWorkerProcess,
  type ApiInstance,
} from "./scale-out-stack";

/*
 * One deployment on one machine: two API server processes and two worker
 * processes on one PostgreSQL database and one Redis, started once and
 * shared by the cases below (which run in order: the last ones stop
 * processes).
 */

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const withRedis = await redisAnswers(redisUrl);
if (!withRedis)
  console.warn(
    `Redis not reachable at ${new URL(redisUrl).host}: the shared-limit case is skipped and the instances count limits in memory`,
  );

/** What every API instance of the deployment is configured with. */
const INSTANCE_ENV = {
  ...(withRedis ? { REDIS_URL: redisUrl } : {}),
  // The test stands in for the load balancer: the client address comes in X-Forwarded-For.
  TRUSTED_PROXIES: "loopback",
  AUTH_LOGIN_PER_ACCOUNT: "3",
  API_SHUTDOWN_DELAY_MS: "1000",
  API_SHUTDOWN_TIMEOUT_MS: "10000",
};

let db: TestDatabase;
let sql: pg.Client;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let a: ApiInstance;
let b: ApiInstance;
const workers: ChildUnderTest[] = [];
const stopped: ChildUnderTest[] = [];
const started = new Set<ChildUnderTest>();
/** Remembers a started process (an instance's, or a worker) for the teardown. */
function keep<T extends ApiInstance | ChildUnderTest>(process: T): T {
  started.add("process" in process ? process.process : process);
  return process;
}
/** Undone in reverse order after the file, whether or not start-up got that far. */
const teardown: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  teardown.push(() => db.drop());
  const owner = createPrismaClient({ connectionString: db.ownerUrl, max: 1 });
  try {
    await seedDemoData(owner, {
      SEED_ADMIN_EMAIL: ADMIN.email,
      SEED_ADMIN_PASSWORD: ADMIN.password,
    });
  } finally {
    await owner.$disconnect();
  }
  sql = new pg.Client({ connectionString: db.adminUrl });
  await sql.connect();
  teardown.push(() => sql.end());
  mailbox = await startMailbox();
  teardown.push(() => mailbox.close());
  // Every process started (replacements too) is stopped; stop() of one that exited returns at once.
  teardown.push(() => Promise.all([...started].map((p) => p.stop())));
  // Started side by side; whatever did start is stopped after the file if one fails.
  const [first, second, ...rest] = await Promise.allSettled([
    startApiInstance("a", db, INSTANCE_ENV).then(keep),
    startApiInstance("b", db, INSTANCE_ENV).then(keep),
    startWorkerProcess(db, mailbox.port).then(keep),
    startWorkerProcess(db, mailbox.port).then(keep),
  ]);
  const failed = [first, second, ...rest].find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  if (first.status === "fulfilled") a = first.value;
  if (second.status === "fulfilled") b = second.value;
  for (const worker of rest) if (worker.status === "fulfilled") workers.push(worker.value);
}, 60_000);

afterAll(async () => {
  for (const undo of teardown.reverse()) await undo();
}, 30_000);

async function rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await sql.query(text, params)).rows as T[];
}

async function count(text: string, params: unknown[] = []): Promise<number> {
  const [row] = await rows<{ n: number }>(text, params);
  return row?.n ?? -1;
}

let people = 0;

/** Registers through `instance` and signs in through `signInAt`, each from an address of its own. */
async function person(instance: ApiInstance, signInAt: ApiInstance = instance) {
  people += 1;
  const email = `scale${people}-${randomUUID().slice(0, 8)}@example.com`;
  const password = "correct horse battery";
  const { user } = await clientOf(instance, clientAddress()).auth.register.mutate({
    email,
    name: `Person ${people}`,
    password,
  });
  const address = clientAddress();
  const session = signedIn(
    await clientOf(signInAt, address).auth.login.mutate({ email, password }),
  );
  return {
    id: user.id,
    email,
    password,
    token: session.accessToken,
    on: (at: ApiInstance) => clientOf(at, address, session.accessToken),
  };
}

async function adminOn(instance: ApiInstance) {
  const address = clientAddress();
  const session = signedIn(await clientOf(instance, address).auth.login.mutate(ADMIN));
  return clientOf(instance, address, session.accessToken);
}

describe.skipIf(!withRedis)("limits shared through Redis", () => {
  it("an account's sign-in limit spent through one instance holds on the other", async () => {
    // Registered, never signed in: the account's three attempts are all spent below.
    const ann = {
      email: `limit-${randomUUID().slice(0, 8)}@example.com`,
      password: "correct horse battery",
    };
    await clientOf(a, clientAddress()).auth.register.mutate({ ...ann, name: "Ann" });
    for (let i = 0; i < 3; i += 1) {
      const code = await failureCode(
        clientOf(a, clientAddress()).auth.login.mutate({ email: ann.email, password: "wrong" }),
      );
      expect(code).toBe("UNAUTHORIZED");
    }
    // The right password, from another address, through the other instance: still refused.
    const refused = await failureCode(
      clientOf(b, clientAddress()).auth.login.mutate({ email: ann.email, password: ann.password }),
    );
    expect(refused).toBe("TOO_MANY_REQUESTS");
  });
});

describe("live notifications", () => {
  it("reach a subscriber on one instance for a change made through the other", async () => {
    const owner = await person(a);
    const bob = await person(b);
    const received: string[] = [];
    const subscription = bob.on(b).notifications.onNew.subscribe(undefined, {
      onData: (envelope) => received.push(envelope.data.kind),
    });
    try {
      // Subscribed once b's hub listens for Bob; a's answer proves nothing about b.
      await expect
        .poll(
          () =>
            count(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
            ),
          { timeout: 10_000 },
        )
        .toBeGreaterThanOrEqual(1);
      const project = await owner.on(a).projects.create.mutate({ name: "Shared" });
      await owner
        .on(a)
        .projects.members.add.mutate({ projectId: project.id, userId: bob.id, role: "editor" });
      // Raised through a, handled by a worker, signalled by NOTIFY, delivered by b.
      await expect.poll(() => received, { timeout: 15_000 }).toContain("project.member_added");
    } finally {
      subscription.unsubscribe();
    }
  });
});

describe("a role removed through one instance", () => {
  it("is refused at the next request on the other, and so is a deactivated account", async () => {
    const admin = await adminOn(a);
    const carol = await person(a);
    await admin.admin.users.setRoles.mutate({ userId: carol.id, roleKeys: ["manager"] });
    // b verifies Carol's token and caches her permissions.
    expect((await carol.on(b).admin.users.list.query({})).items.length).toBeGreaterThan(0);
    expect((await carol.on(b).admin.users.list.query({})).items.length).toBeGreaterThan(0);

    await admin.admin.users.setRoles.mutate({ userId: carol.id, roleKeys: ["member"] });
    expect(await failureCode(carol.on(b).admin.users.list.query({}))).toBe("FORBIDDEN");

    await admin.admin.users.setActive.mutate({ id: carol.id, isActive: false });
    expect(await failureCode(carol.on(b).users.me.query())).toBe("UNAUTHORIZED");
  });
});

/** A published template whose "submitted" state times out after an hour, arranged in SQL. */
async function arrangeDueInstances(howMany: number): Promise<string[]> {
  const projectId = randomUUID();
  const typeId = randomUUID();
  const templateId = randomUUID();
  const definition = {
    dataFields: [],
    states: [
      { key: "draft", name: "Draft", kind: "initial" },
      {
        key: "submitted",
        name: "Submitted",
        kind: "active",
        timeout: { afterHours: 1, transition: "expire" },
      },
      { key: "expired", name: "Expired", kind: "final" },
    ],
    transitions: [
      {
        key: "submit",
        name: "Submit",
        from: ["draft"],
        to: "submitted",
        allowed: { projectRoles: ["owner"] },
        requiresComment: false,
      },
      {
        key: "expire",
        name: "Expire",
        from: ["submitted"],
        to: "expired",
        allowed: { permissions: ["system.manage"] },
        requiresComment: false,
      },
    ],
  };
  await sql.query("INSERT INTO projects (id, name, updated_at) VALUES ($1, 'Timeouts', now())", [
    projectId,
  ]);
  await sql.query(
    "INSERT INTO workflow_types (id, key, name, updated_at) VALUES ($1, $2, 'Request', now())",
    [typeId, `request_${typeId.slice(0, 8)}`],
  );
  await sql.query(
    `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, updated_at)
     VALUES ($1, $2, $3, 1, 'Request', 'published', $4, now())`,
    [templateId, typeId, `request_${templateId.slice(0, 8)}`, JSON.stringify(definition)],
  );
  const inserted = await rows<{ id: string }>(
    `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, state_entered_at, updated_at)
     SELECT gen_random_uuid(), $1, $2, 'Request ' || i, '{}', 'submitted', now() - interval '2 hours', now()
       FROM generate_series(1, $3::int) AS i RETURNING id`,
    [projectId, templateId, howMany],
  );
  return inserted.map((r) => r.id);
}

/** The worker processes' own count of what they fired, from their logs. */
function firedPerLog(output: string): number {
  let fired = 0;
  for (const line of output.split("\n")) {
    if (!line.includes('"msg":"fired workflow time-outs"')) continue;
    fired += (JSON.parse(line) as { fired: number }).fired;
  }
  return fired;
}

describe("workflow time-outs with two workers", () => {
  it("fire once each, however many runs the workers make at the same time", async () => {
    const due = await arrangeDueInstances(30);
    // Four runs at once, as several cron ticks or instances could enqueue them.
    const runs = await rows<{ id: string }>(
      `INSERT INTO pgboss.job (name, data) SELECT 'workflows.timeouts', '{}' FROM generate_series(1, 4)
       RETURNING id`,
    );
    await expect
      .poll(
        () =>
          count(
            "SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND state = 'completed'",
            [runs.map((r) => r.id)],
          ),
        { timeout: 20_000 },
      )
      .toBe(4);
    const history = await rows<{ instance_id: string; n: number }>(
      `SELECT instance_id::text, count(*)::int AS n FROM workflow_history
        WHERE instance_id = ANY($1::uuid[]) AND transition_key = 'expire' GROUP BY instance_id`,
      [due],
    );
    expect(history).toHaveLength(due.length);
    expect(history.every((h) => h.n === 1)).toBe(true);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM domain_events WHERE name = 'workflow.transitioned' AND payload->>'instanceId' = ANY($1::text[])",
        [due],
      ),
    ).toBe(due.length);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM workflow_instances WHERE id = ANY($1::uuid[]) AND state = 'expired' AND completed_at IS NOT NULL",
        [due],
      ),
    ).toBe(due.length);
    // And the workers' own accounts agree: thirty fired between them.
    expect(workers.reduce((sum, w) => sum + firedPerLog(w.output()), 0)).toBe(due.length);
  });
});

describe("a rolling restart of both workers under a stream of events", () => {
  it("loses no event and doubles none: one welcome mail per registration", async () => {
    const registered: string[] = [];
    const restart = { done: false };
    const register = async (i: number) => {
      const email = `stream${i}-${randomUUID().slice(0, 8)}@example.com`;
      await clientOf(i % 2 === 0 ? a : b, clientAddress()).auth.register.mutate({
        email,
        name: `Stream ${i}`,
        password: "correct horse battery",
      });
      registered.push(email);
    };
    // Events before, during (as long as the restart lasts, bounded) and after the restart.
    const stream = (async () => {
      let i = 0;
      while (i < 5 || (!restart.done && i < 200)) await register((i += 1));
      for (let extra = 0; extra < 5; extra += 1) await register((i += 1));
    })();

    await expect.poll(() => registered.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const beforeRestart = registered.length;
    // One at a time, as a Deployment's rolling update does: the replacement
    // starts while the old one drains, then the next.
    for (let slot = 0; slot < 2; slot += 1) {
      const old = workers[slot];
      if (!old) throw new Error("no worker in this slot");
      const [exitCode, replacement] = await Promise.all([
        old.stop().then(() => old.exited),
        startWorkerProcess(db, mailbox.port).then(keep),
      ]);
      expect(exitCode).toBe(0);
      stopped.push(old);
      workers[slot] = replacement;
    }
    restart.done = true;
    // Events were raised while the workers were being replaced, not only around it.
    expect(registered.length).toBeGreaterThan(beforeRestart);
    await stream;

    // Everything handled: no job left to run, and the mails are in.
    await expect
      .poll(
        () =>
          count(
            "SELECT count(*)::int AS n FROM pgboss.job WHERE name IN ('events.dispatch', 'events.handle') AND state <> 'completed'",
          ),
        { timeout: 20_000 },
      )
      .toBe(0);
    for (const email of registered) expect(mailbox.delivered.get(email), email).toBe(1);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM outbound_emails WHERE template = 'mail.welcome' AND recipient = ANY($1::text[]) AND sent_at IS NOT NULL",
        [registered],
      ),
    ).toBe(registered.length);
    for (const old of stopped) expect(old.output()).toContain('"msg":"worker stopped"');
  });
});

describe("SIGTERM to one API instance under load", () => {
  it("loses no request: readiness fails first, requests in flight finish, clients move on", async () => {
    const [subscriber, ...others] = await Promise.all([person(b), person(a), person(a), person(b)]);
    const users = [subscriber, ...others];
    // An open subscription on b must not hold its shutdown to the deadline.
    const subscription = subscriber.on(b).notifications.onNew.subscribe(undefined, {});

    // The test is the load balancer: it sends to the instances whose /ready answers 200.
    const ready = new Map<ApiInstance, boolean>([
      [a, true],
      [b, true],
    ]);
    const seenFromB: (number | "refused")[] = [];
    const balancer = { checking: true };
    const healthCheck = (async () => {
      while (balancer.checking) {
        const status = await fetch(`${b.base}/ready`).then(
          (r) => r.status,
          () => "refused" as const,
        );
        seenFromB.push(status);
        ready.set(b, status === 200);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const TOTAL = 160;
    const outcomes: { name: string; ok: boolean; on: string; error?: string }[] = [];
    let sent = 0;
    let turn = 0;
    const lane = async (user: (typeof users)[number]) => {
      while (sent < TOTAL) {
        sent += 1;
        const target = (turn += 1) % 2 === 0 && ready.get(b) ? b : a;
        const name = `load-${sent}-${randomUUID().slice(0, 8)}`;
        try {
          await user.on(target).projects.create.mutate({ name });
          outcomes.push({ name, ok: true, on: target.name });
        } catch (error) {
          outcomes.push({ name, ok: false, on: target.name, error: String(error) });
        }
      }
    };
    const load = Promise.all([...users, ...users].map((user) => lane(user)));

    let signalledAt = 0;
    let checksBefore = 0;
    try {
      await expect.poll(() => outcomes.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(40);
      signalledAt = outcomes.length;
      checksBefore = seenFromB.length;
      b.process.child.kill("SIGTERM");
      expect(await b.process.exited).toBe(0);
      await load;
    } finally {
      balancer.checking = false;
      await healthCheck;
      subscription.unsubscribe();
    }

    // Every request answered, and every answer is a project that exists, once.
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes).toHaveLength(TOTAL);
    // b went on serving what reached it after the signal (draining, not refusing).
    expect(outcomes.slice(signalledAt).filter((o) => o.on === "b").length).toBeGreaterThan(0);
    expect(
      await count("SELECT count(*)::int AS n FROM projects WHERE name = ANY($1::text[])", [
        outcomes.map((o) => o.name),
      ]),
    ).toBe(TOTAL);
    // The balancer saw b not ready before b stopped taking connections.
    const afterSignal = seenFromB.slice(checksBefore);
    expect(afterSignal).toContain(503);
    expect(afterSignal.indexOf(503)).toBeLessThan(
      afterSignal.includes("refused") ? afterSignal.indexOf("refused") : Infinity,
    );
    const log = b.process.output();
    expect(log).toContain('"msg":"api server stopped"');
    expect(log).not.toContain("requests still open at the deadline");
  });
});
