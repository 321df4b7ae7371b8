import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createFastnextClient, memoryTokenStore, signIn } from "@fastnext/client";
import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import {
  createTestDatabase,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
} from "@fastnext/db/testing";
import { freePort, type ChildUnderTest } from "@fastnext/test-support";

import { startApiServer } from "./server";

let db: TestDatabase;
/** Superuser connection, for looking at what was committed. */
let sql: PrismaClient;
let proxy: TcpProxy | undefined;
let server: ChildUnderTest | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  sql = createPrismaClient({ connectionString: db.adminUrl, max: 1 });
});
afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await sql.$disconnect();
  await db.drop();
});

function startServer(port: number): Promise<ChildUnderTest> {
  return startApiServer(db, port, {
    NEXTAUTH_SECRET: "unused-by-the-api-server-but-harmless-here",
  });
}

async function projects(name: string) {
  return sql.$queryRaw<{ id: string; created_by_id: string }[]>`
    SELECT id::text, created_by_id::text FROM projects WHERE name = ${name}`;
}

describe("a create whose server died after the commit, before the answer", () => {
  it("is answered after the restart by the typed client's resend: one project, the first answer", async () => {
    const port = await freePort();
    server = await startServer(port);
    // The client talks to the server through a proxy, which can lose the answer on the way.
    proxy = await startTcpProxy("127.0.0.1", port);
    const creates: string[] = [];
    const tokens = memoryTokenStore();
    const client = createFastnextClient({
      url: `http://127.0.0.1:${proxy.port}/trpc`,
      tokens,
      batch: false,
      // Long enough to outlast a restart of the server.
      idempotency: { retries: 12, retryDelayMs: 250 },
      fetch: (input: string | URL | Request, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : input.toString();
        if (url.includes("projects.create"))
          creates.push(typeof init?.body === "string" ? init.body : "");
        return fetch(input, init);
      },
    });
    const credentials = {
      email: "crash@example.com",
      name: "Crash",
      password: "correct horse battery",
    };
    await client.auth.register.mutate(credentials);
    const session = await signIn(client, tokens, {
      email: credentials.email,
      password: credentials.password,
    });
    expect(session.status).toBe("signed_in");

    proxy.withholdReplies();
    const name = "Survives a crash";
    const answer = client.projects.create.mutate({ name });
    // The create committed: its row is there for everyone to see.
    await expect.poll(async () => (await projects(name)).length, { timeout: 10_000 }).toBe(1);
    // The server dies before its answer reaches the client.
    server.child.kill("SIGKILL");
    await server.exited;
    await proxy.cut();
    await proxy.restore();
    server = await startServer(port);

    const project = await answer;
    const rows = await projects(name);
    expect(rows).toHaveLength(1);
    expect(project.id).toBe(rows[0]?.id);
    expect(project).toMatchObject({ name, myRole: "owner", createdById: rows[0]?.created_by_id });
    // It was sent more than once, always with the one key the client chose for this call.
    expect(creates.length).toBeGreaterThan(1);
    const keys = new Set(creates.map((body) => /"idempotencyKey":"([^"]+)"/.exec(body)?.[1]));
    expect(keys.size).toBe(1);
    const [key] = [...keys];
    const stored = await sql.$queryRaw<{ key: string }[]>`SELECT key FROM idempotency_keys`;
    expect(stored).toEqual([{ key }]);
    // And the same key still answers with the same project.
    expect(await client.projects.create.mutate({ name, idempotencyKey: key })).toEqual(project);
    expect(await projects(name)).toHaveLength(1);
  }, 90_000);
});
