import path from "node:path";

import { defineConfig } from "prisma/config";

import { createCliAdapter } from "./src/admin/cli-adapter";

// The CLI runs on the WebAssembly schema engine over the pg driver adapter:
// no native engine binary is downloaded, so migrations work offline.
// Migrate commands connect with DATABASE_URL, the owner role.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "../../prisma/schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "../../prisma/migrations") },
  // eslint-disable-next-line no-restricted-properties -- the CLI's own entry point
  adapter: async () => createCliAdapter(process.env.DATABASE_URL ?? ""),
});
