/** Applies pending migrations to DATABASE_URL (the owner connection). */
import { migrateDeploy } from "../src/admin/migrate";
import { dbEnv } from "../src/env";

await migrateDeploy(dbEnv().ownerUrl);
console.log("Migrations applied.");
