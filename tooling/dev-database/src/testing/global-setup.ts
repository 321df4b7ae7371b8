/**
 * Vitest global setup shared by every project: starts (or finds) the test
 * PostgreSQL server once per run and hands its address to the test workers
 * through the environment they inherit.
 */
import { type TestServer } from "@fastnext/db/testing";

import { startTestServer } from "../test-server";

const state = globalThis as unknown as {
  fastnextTestServer?: Promise<TestServer>;
  fastnextTestUsers?: number;
};

export default async function setup(): Promise<() => Promise<void>> {
  state.fastnextTestServer ??= startTestServer(process.env);
  state.fastnextTestUsers = (state.fastnextTestUsers ?? 0) + 1;
  const server = await state.fastnextTestServer;
  process.env.FASTNEXT_TEST_ADMIN_URL = server.adminUrl;
  process.env.FASTNEXT_TEST_TEMPLATE = server.template;
  process.env.FASTNEXT_TEST_RUNNER_PID = String(process.pid);
  return async () => {
    state.fastnextTestUsers = (state.fastnextTestUsers ?? 1) - 1;
    if (state.fastnextTestUsers === 0) await server.stop();
  };
}
