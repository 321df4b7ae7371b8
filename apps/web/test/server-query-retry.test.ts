import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { makeQueryClient } from "../src/trpc/query-client";
import { serverQueryRetryable } from "../src/trpc/server-retry";

/** Runs a query that always fails with `error`; counts the attempts. */
async function attempts(error: Error): Promise<number> {
  const client = makeQueryClient({ retryable: serverQueryRetryable });
  let count = 0;
  await expect(
    client.query({
      queryKey: ["failing", error.message],
      queryFn: () => {
        count += 1;
        return Promise.reject(error);
      },
      retryDelay: 0,
    }),
  ).rejects.toBe(error);
  return count;
}

describe("the server components' query client", () => {
  it("does not retry a refusal, so a 404 or 403 page is not held back", async () => {
    for (const code of ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST", "UNAUTHORIZED"] as const) {
      expect(await attempts(new TRPCError({ code, message: code })), code).toBe(1);
    }
  });

  it("tries a server fault again, twice at most", async () => {
    expect(await attempts(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "fault" }))).toBe(
      3,
    );
  });

  it("keeps the retry delay out of a refused prefetch", async () => {
    const client = makeQueryClient({ retryable: serverQueryRetryable });
    const started = Date.now();
    await client
      .query({
        queryKey: ["gone"],
        queryFn: () => Promise.reject(new TRPCError({ code: "NOT_FOUND", message: "gone" })),
      })
      .catch(() => undefined);
    // The default delays (1 s, then 2 s) would show here.
    expect(Date.now() - started).toBeLessThan(500);
  });
});
