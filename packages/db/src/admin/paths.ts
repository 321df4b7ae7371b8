import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Folders this package works with, resolved from its own location. */
export const paths = {
  packageRoot: path.resolve(here, "../.."),
  repoRoot: path.resolve(here, "../../../.."),
  migrations: path.resolve(here, "../../../../prisma/migrations"),
  schema: path.resolve(here, "../../../../prisma/schema.prisma"),
  dataRoot: path.resolve(here, "../../../../.data"),
};
