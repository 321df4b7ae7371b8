import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApi, type TestApi } from "@fastnext/test-support";

import { createFastnextClient, memoryTokenStore, TRPCClientError } from "../src";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

describe("errors the HTTP edge answers itself", () => {
  // Larger than API_MAX_BODY_BYTES (1 MB by default): refused before tRPC reads it.
  const oversized = {
    email: "big@example.com",
    name: "x".repeat(1_100_000),
    password: "long enough password",
  };

  it.each([true, false])(
    "an oversized body is a TRPCClientError with PAYLOAD_TOO_LARGE (batch: %s)",
    async (batch) => {
      const client = createFastnextClient({ url: api.url, tokens: memoryTokenStore(), batch });
      const calls = batch
        ? [client.auth.register.mutate(oversized), client.auth.register.mutate(oversized)]
        : [client.auth.register.mutate(oversized)];
      const errors = await Promise.all(calls.map((call) => call.catch((error: unknown) => error)));
      for (const error of errors) {
        expect(error).toBeInstanceOf(TRPCClientError);
        const { data, message } = error as TRPCClientError<never>;
        expect(data).toMatchObject({
          code: "PAYLOAD_TOO_LARGE",
          httpStatus: 413,
          appCode: "PAYLOAD_TOO_LARGE",
          path: "auth.register",
        });
        expect(message).toMatch(/^Request body exceeds \d+ bytes$/);
      }
    },
  );
});
