/**
 * `pnpm build` of the phone app: bundles it for Android with `expo export`
 * (offline: nothing is downloaded, no account is asked for), then reads the
 * bundle's source map and fails if server code got in. CI runs it through
 * `turbo run build`, so a broken import cannot land.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { reportBundle } from "./bundle-check";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(appDir, "dist");
const platform = "android";

rmSync(outDir, { recursive: true, force: true });
const exported = spawnSync(
  "pnpm",
  ["exec", "expo", "export", "--platform", platform, "--output-dir", "dist", "--source-maps"],
  {
    cwd: appDir,
    stdio: "inherit",
    env: { ...process.env, CI: "1", EXPO_OFFLINE: "1", EXPO_NO_TELEMETRY: "1" },
  },
);
if (exported.status !== 0) process.exit(exported.status ?? 1);

const bundleDir = join(outDir, "_expo", "static", "js", platform);
const files = readdirSync(bundleDir);
const bundle = files.find((file) => file.endsWith(".hbc") || file.endsWith(".js"));
const map = files.find((file) => file.endsWith(".map"));
if (!bundle || !map) {
  console.error(`No bundle and source map in ${bundleDir}: ${files.join(", ")}`);
  process.exit(1);
}
const { sources } = JSON.parse(readFileSync(join(bundleDir, map), "utf8")) as {
  sources: string[];
};
const report = reportBundle(statSync(join(bundleDir, bundle)).size, sources);
console.info(
  `@fastnext/mobile ${platform} bundle: ${(report.bytes / 1024 / 1024).toFixed(2)} MiB, ${report.modules} modules`,
);
if (!report.hasAppCode || !report.hasClient) {
  console.error(
    "The source map does not list the app's code and the client: the check would see nothing.",
  );
  process.exit(1);
}
if (report.serverOnly.length > 0) {
  console.error(`Server code in the phone bundle:\n  ${report.serverOnly.join("\n  ")}`);
  process.exit(1);
}
