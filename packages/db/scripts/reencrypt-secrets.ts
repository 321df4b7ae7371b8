/** `pnpm auth:reencrypt`: see src/admin/reencrypt-command.ts. */
import { runReencryptCommand } from "../src/admin/reencrypt-command";

process.exitCode = await runReencryptCommand(process.argv.slice(2), process.env, {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
});
