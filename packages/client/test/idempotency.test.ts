import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signAccessToken } from "@fastnext/auth";
import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

import {
  createFastnextClient,
  errorCode,
  memoryTokenStore,
  type FastnextClientOptions,
} from "../src";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

interface Sent {
  path: string;
  body: string;
}

/**
 * A client of a fresh user over real HTTP whose fetch records what it sends;
 * `loseAnswer(path)` decides, per request, whether the answer is thrown away
 * after the server has produced it (as a dropped connection would).
 */
async function setup(
  options: Partial<FastnextClientOptions> & { loseAnswer?: (path: string) => boolean } = {},
) {
  const user = await signUp(api);
  const tokens = memoryTokenStore({
    accessToken: user.accessToken,
    refreshToken: user.refreshToken,
  });
  const sent: Sent[] = [];
  const { loseAnswer, ...rest } = options;
  const client = createFastnextClient({
    url: api.url,
    tokens,
    batch: false,
    idempotency: { retryDelayMs: 10 },
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : input.toString();
      const path = new URL(url).pathname.split("/").pop() ?? "";
      sent.push({ path, body: typeof init?.body === "string" ? init.body : "" });
      const response = await fetch(input, init);
      if (loseAnswer?.(path)) {
        await response.arrayBuffer();
        throw new TypeError("fetch failed: the connection was reset");
      }
      return response;
    },
    ...rest,
  });
  return { user, client, tokens, sent };
}

function keyOf(body: string): string | undefined {
  return /"idempotencyKey":"([^"]+)"/.exec(body)?.[1];
}

async function projectsNamed(name: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM projects WHERE name = $1",
    [name],
  );
  return rows[0]?.n ?? -1;
}

describe("the typed client's idempotency keys", () => {
  it("sends a fresh key with each create, none with other mutations", async () => {
    const { client, sent } = await setup();
    const a = await client.projects.create.mutate({ name: "Key A" });
    await client.projects.create.mutate({ name: "Key B" });
    await client.projects.update.mutate({ id: a.id, data: { name: "Key A2" } });
    const keys = sent.filter((s) => s.path === "projects.create").map((s) => keyOf(s.body));
    expect(keys).toHaveLength(2);
    expect(keys.every((key) => key !== undefined && /^[0-9a-f-]{36}$/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(2);
    expect(keyOf(sent.find((s) => s.path === "projects.update")?.body ?? "")).toBeUndefined();
  });

  it("keeps a key the caller chose", async () => {
    const { client, sent } = await setup();
    await client.projects.create.mutate({ name: "Chosen", idempotencyKey: "my-own-key-0001" });
    expect(keyOf(sent[0]?.body ?? "")).toBe("my-own-key-0001");
  });

  it("resends a create whose answer was lost with the same key: one project, the first answer", async () => {
    let lost = 0;
    const { client, sent } = await setup({
      loseAnswer: (path) => path === "projects.create" && lost++ === 0,
    });
    const project = await client.projects.create.mutate({ name: "Lost answer" });
    const creates = sent.filter((s) => s.path === "projects.create");
    expect(creates).toHaveLength(2);
    expect(keyOf(creates[1]!.body)).toBe(keyOf(creates[0]!.body));
    expect(await projectsNamed("Lost answer")).toBe(1);
    const { rows } = await api.sql.query<{ id: string }>(
      "SELECT id FROM projects WHERE name = 'Lost answer'",
    );
    expect(project.id).toBe(rows[0]?.id);
  });

  it("gives up after its resends, and never resends a mutation without a key", async () => {
    const always = await setup({ loseAnswer: (path) => path === "projects.create" });
    const error = await failure(always.client.projects.create.mutate({ name: "Never answered" }));
    expect(errorCode(error)).toBeUndefined();
    expect(always.sent.filter((s) => s.path === "projects.create")).toHaveLength(3);
    expect(await projectsNamed("Never answered")).toBe(1);

    const plain = await setup({ loseAnswer: (path) => path === "users.updateProfile" });
    await failure(plain.client.users.updateProfile.mutate({ name: "Renamed once" }));
    expect(plain.sent.filter((s) => s.path === "users.updateProfile")).toHaveLength(1);
  });

  it("retries after a refresh with the same key", async () => {
    const { client, tokens, sent, user } = await setup();
    const { sid } = JSON.parse(
      Buffer.from(user.accessToken.split(".")[1]!, "base64url").toString(),
    ) as { sid: string };
    const expired = await signAccessToken(
      { userId: user.id, sessionId: sid },
      api.deps.tokens,
      new Date(Date.now() - 60 * 60 * 1000),
    );
    await tokens.set({ accessToken: expired.token, refreshToken: user.refreshToken });
    await client.projects.create.mutate({ name: "After refresh" });
    const creates = sent.filter((s) => s.path === "projects.create");
    expect(sent.map((s) => s.path)).toEqual(["projects.create", "auth.refresh", "projects.create"]);
    expect(keyOf(creates[1]!.body)).toBe(keyOf(creates[0]!.body));
    expect(await projectsNamed("After refresh")).toBe(1);
  });
});
