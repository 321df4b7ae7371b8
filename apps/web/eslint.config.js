import { fileURLToPath } from "node:url";

import next from "@fastnext/eslint-config/next";

// Next.js's rules look for the app's folders from `rootDir`: named here so
// they find them whether lint runs in this folder or from the repository
// root (the pre-commit hook).
export default [
  ...next,
  { settings: { next: { rootDir: fileURLToPath(new URL(".", import.meta.url)) } } },
];
