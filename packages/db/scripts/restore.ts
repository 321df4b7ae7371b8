/** `pnpm db:restore <file>`: an archive of db:backup into an empty database (docs/operations/backups.md). */
import { restoreCli } from "../src/admin/backup/cli";

process.exitCode = await restoreCli(process.argv.slice(2), process.env);
