import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createPrismaClient } from "@fastnext/db";
import { createDatabase, dropDatabase, seedDemoData } from "@fastnext/db/admin";
import { runDatabaseName, testRoleUrls } from "@fastnext/db/testing";
import { startTestServer } from "@fastnext/dev-database";
import {
  freePort,
  OIDC_TEST_CONTROL_PATH,
  startOidcProvider,
  type OidcTestProvider,
} from "@fastnext/test-support";

import { startNext, type RunningNext } from "../../test/helpers/next-server";
import { E2E_ADMIN } from "./accounts";
import { startWorker, type RunningWorker } from "./worker";

export interface E2eEnvironment {
  baseUrl: string;
  /** Superuser connection to the test database, for arranging what the UI cannot. */
  adminDbUrl: string;
  /** Where the worker writes the e-mails it sends (one file per message). */
  mailDir: string;
  /** Where to name who signs in next at the OpenID Connect provider the app uses (single sign-on). */
  oidcControlUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * A fresh database cloned from the migrated template (the shared test
 * server: TEST_DATABASE_ADMIN_URL, or the embedded one), the admin seeded,
 * the PRODUCTION build (`next start`) serving it on a free port, and the
 * worker delivering its notifications and e-mails.
 */
export async function startE2eEnvironment(): Promise<E2eEnvironment> {
  const server = await startTestServer(process.env);
  const name = runDatabaseName("fastnext_test_", `e2e_${randomBytes(4).toString("hex")}`);
  await createDatabase(server.adminUrl, name, { template: server.template });
  const urls = testRoleUrls(server.adminUrl, name);
  const mailDir = mkdtempSync(path.join(tmpdir(), "fastnext-e2e-mail-"));
  // The web app stores attachments and the worker removes them: one folder for both.
  const storageDir = mkdtempSync(path.join(tmpdir(), "fastnext-e2e-files-"));

  let web: RunningNext | undefined;
  let worker: RunningWorker | undefined;
  let idp: OidcTestProvider | undefined;
  const stop = async () => {
    await web?.stop();
    await idp?.close();
    await worker?.stop();
    await dropDatabase(server.adminUrl, name);
    await server.stop();
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(storageDir, { recursive: true, force: true });
  };

  try {
    const owner = createPrismaClient({ connectionString: urls.ownerUrl, max: 1 });
    try {
      await seedDemoData(owner, {
        SEED_ADMIN_EMAIL: E2E_ADMIN.email,
        SEED_ADMIN_PASSWORD: E2E_ADMIN.password,
        SEED_ADMIN_NAME: E2E_ADMIN.name,
      });
    } finally {
      await owner.$disconnect();
    }

    // next-auth builds its redirects from NEXTAUTH_URL: known before start.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider({ redirectUris: [`${baseUrl}/api/oauth/oidc/callback`] });
    const database = {
      DATABASE_URL: urls.ownerUrl,
      DATABASE_APP_URL: urls.appUrl,
      DATABASE_SYSTEM_URL: urls.systemUrl,
      LOG_LEVEL: "warn",
      STORAGE_LOCAL_DIR: storageDir,
    };
    worker = await startWorker({
      ...database,
      // Its "worker ready" line is how start-up is detected.
      LOG_LEVEL: "info",
      APP_URL: baseUrl,
      MAIL_TRANSPORT: "file",
      MAIL_DIR: mailDir,
      WORKER_POLL_INTERVAL_SECONDS: "0.5",
    });
    web = await startNext(
      {
        ...database,
        NEXTAUTH_URL: baseUrl,
        APP_URL: baseUrl,
        AUTH_JWT_SECRET: "access-token-secret-for-e2e-only-0123456789",
        // 32 bytes, base64: production refuses to run with the public development key.
        AUTH_ENCRYPTION_KEY: Buffer.from("e2e-only-encryption-key-32-bytes").toString("base64"),
        // Every test signs in from 127.0.0.1: the per-address limit would trip.
        AUTH_LOGIN_PER_IP: "10000",
        AUTH_LOGIN_PER_ACCOUNT: "1000",
        // Most specs register their own people, all from 127.0.0.1.
        AUTH_REGISTER_PER_IP: "10000",
        // The suite's users all call from 127.0.0.1, faster than people do.
        API_RATE_LIMIT_PER_USER: "100000",
        API_RATE_LIMIT_PER_IP: "100000",
        // Single sign-on against the test provider; GitHub, Google and Entra stay off.
        ...idp.env("Test SSO"),
      },
      { port },
    );
    const running = web;
    const background = worker;
    const oidcControlUrl = `${idp.issuer}${OIDC_TEST_CONTROL_PATH}`;
    return {
      baseUrl: running.url,
      adminDbUrl: urls.adminUrl,
      mailDir,
      oidcControlUrl,
      output: () => `${running.output()}\n--- worker ---\n${background.output()}`,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
