import { describe, expect, it } from "vitest";

import { reportBundle, serverOnlySources } from "../scripts/bundle-check";

const pnpm = (name: string, file: string) =>
  `/node_modules/.pnpm/${name.replace("/", "+")}@1.0.0/node_modules/${name}/${file}`;

describe("the phone bundle check", () => {
  it("flags server packages and server-only libraries", () => {
    const sources = [
      "/apps/mobile/src/app/_layout.tsx",
      "/packages/client/src/index.ts",
      "/packages/validators/src/auth.ts",
      pnpm("zod", "index.js"),
      pnpm("@trpc/client", "dist/index.mjs"),
      "/packages/api/src/root.ts",
      "/packages/auth/src/access-token.ts",
      pnpm("@prisma/client", "index.js"),
      pnpm("pg", "lib/index.js"),
      pnpm("pino", "pino.js"),
      pnpm("@node-rs/argon2", "index.js"),
    ];
    expect(serverOnlySources(sources)).toEqual(sources.slice(5));
  });

  it("reports size, module count and whether the map lists the app at all", () => {
    const report = reportBundle(2048, [
      "/apps/mobile/src/env.ts",
      "/packages/client/src/client.ts",
    ]);
    expect(report).toEqual({
      bytes: 2048,
      modules: 2,
      serverOnly: [],
      hasAppCode: true,
      hasClient: true,
    });
    expect(reportBundle(1, [pnpm("react", "index.js")]).hasAppCode).toBe(false);
  });
});
