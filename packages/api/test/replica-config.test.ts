import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { createApiDeps } from "../src";
import { readApiConfig } from "../src/env";

// DATABASE_REPLICA_URL as the apps read it; the routing itself is shown
// against a real streaming replica in read-replica.test.ts.

const base = { DATABASE_URL: "postgresql://owner@127.0.0.1:5432/app" };

describe("replica configuration", () => {
  it("is off unless DATABASE_REPLICA_URL is set, with a lag bound of 5 s by default", () => {
    expect(readApiConfig(base).database).toMatchObject({
      replicaUrl: null,
      replicaMaxLagSeconds: 5,
    });
    const replicaUrl = "postgresql://fastnext_app:secret-password@replica.internal:5432/app";
    expect(
      readApiConfig({
        ...base,
        DATABASE_REPLICA_URL: replicaUrl,
        DATABASE_REPLICA_MAX_LAG_SECONDS: "0.5",
      }).database,
    ).toMatchObject({ replicaUrl, replicaMaxLagSeconds: 0.5 });
  });

  it("refuses a replica URL that is not PostgreSQL's, and a lag bound that is not a positive number", () => {
    for (const [name, bad] of [
      ["DATABASE_REPLICA_URL", "mysql://replica.internal/app"],
      ["DATABASE_REPLICA_URL", "not a url"],
      ["DATABASE_REPLICA_MAX_LAG_SECONDS", "0"],
      ["DATABASE_REPLICA_MAX_LAG_SECONDS", "-1"],
      ["DATABASE_REPLICA_MAX_LAG_SECONDS", "soon"],
    ] as const) {
      const read = () => readApiConfig({ ...base, [name]: bad });
      expect(read, `${name}=${bad}`).toThrow(EnvError);
      expect(read, `${name}=${bad}`).toThrow(new RegExp(name));
    }
  });

  it("gives the API's dependencies a replica only when one is configured", async () => {
    const without = createApiDeps(readApiConfig(base));
    const withReplica = createApiDeps(
      readApiConfig({ ...base, DATABASE_REPLICA_URL: "postgresql://fastnext_app@127.0.0.1:1/app" }),
    );
    try {
      expect(without.reads?.hasReplica).toBe(false);
      expect(withReplica.reads?.hasReplica).toBe(true);
      expect(withReplica.reads?.replica).not.toBe(withReplica.pool);
    } finally {
      for (const deps of [without, withReplica]) {
        await deps.pool.$disconnect();
        await deps.reads?.replica?.$disconnect();
        await deps.notifications?.close();
      }
    }
  });
});
