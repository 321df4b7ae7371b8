/** `pnpm db:backup <file>`: a custom-format archive of DATABASE_URL (docs/operations/backups.md). */
import { backupCli } from "../src/admin/backup/cli";

process.exitCode = await backupCli(process.argv.slice(2), process.env);
