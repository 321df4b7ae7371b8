/** `pnpm admin:create --email <address>`: creates or promotes an administrator (docs/operations/administrators.md). */
import { adminCreateCli } from "../src/admin/administrators";

process.exitCode = await adminCreateCli(process.argv.slice(2), process.env, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
