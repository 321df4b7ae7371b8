/**
 * Runs the e2e environment in its own process (started with tsx by global
 * setup): the workspace packages it needs are TypeScript written for tsx and
 * Vitest, which Playwright's own loader does not handle alike (JSON imports
 * without attributes, for one). Prints one JSON line when ready; SIGTERM
 * stops the server and drops the database.
 */
import { startE2eEnvironment } from "./environment";

const environment = await startE2eEnvironment();
process.stdout.write(
  `${JSON.stringify({ baseUrl: environment.baseUrl, adminDbUrl: environment.adminDbUrl, mailDir: environment.mailDir, oidcControlUrl: environment.oidcControlUrl })}\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (process.env.E2E_SERVER_LOG) process.stderr.write(environment.output());
  await environment.stop();
  process.exit(0);
}

process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
// The runner died without saying so: do not leave a server behind.
process.stdin.on("end", () => void stop());
process.stdin.resume();
