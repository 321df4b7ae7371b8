/** Seeds demo data into DATABASE_URL. */
import { seedDemoData } from "../src/admin/seed";
import { createPrismaClient } from "../src/client";
import { dbEnv } from "../src/env";

const db = createPrismaClient({ connectionString: dbEnv().ownerUrl, max: 1 });
try {
  const result = await seedDemoData(db, process.env);
  console.log(
    result.adminCreated
      ? `Created admin ${result.adminEmail}`
      : `Admin ${result.adminEmail} exists`,
  );
} finally {
  await db.$disconnect();
}
