/**
 * Waits until every migration this build ships with is applied to the
 * database, then exits 0. Run in front of a new release's processes (the
 * init container of each Kubernetes Deployment, see deploy/k8s), so none of
 * them starts against an older schema while the migration Job still runs.
 *
 * It never gives up by itself: a rollout that waits too long is reported by
 * the Deployment's progress deadline, and each attempt is logged with why
 * the schema is not current yet (pending migrations, or no database).
 */
import { createLogger } from "@fastnext/logger";

import { createPrismaClient } from "../src/client";
import { dbEnv } from "../src/env";
import { checkReadiness } from "../src/readiness";

const POLL_MS = 3_000;
const log = createLogger("migrations");

// The application role reads _prisma_migrations as readiness does: no
// owner rights are needed to wait.
const db = createPrismaClient({ connectionString: dbEnv().appUrl, max: 1 });
try {
  for (let attempt = 1; ; attempt++) {
    const readiness = await checkReadiness(db);
    if (readiness.ready) {
      log.info({ migrations: readiness.migrations }, "schema is current");
      break;
    }
    log.info(
      { attempt, reason: readiness.reason, detail: readiness.detail },
      "waiting for migrations",
    );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
} finally {
  await db.$disconnect();
}
