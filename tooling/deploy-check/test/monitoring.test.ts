import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

import {
  createApiMetrics,
  createRegistry,
  createWorkerMetrics,
  METRICS_PATH,
  type Registry,
} from "@fastnext/metrics";
import { metricsEnvShape } from "@fastnext/metrics/env";
import { readTracingEnv, tracingOffReason } from "@fastnext/tracing";
import { parseEnv } from "@fastnext/config";

// Static checks of deploy/monitoring (no Prometheus or Grafana server runs
// here): promtool validates the configuration and the rules and runs the
// rules' unit tests; every metric a dashboard or an alert names is one the
// code's registries export; the compose profile wires the pieces together.

const root = fileURLToPath(new URL("../../../", import.meta.url));
const monitoring = path.join(root, "deploy/monitoring");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

// --- promtool ---------------------------------------------------------------

function findPromtool(): string | null {
  const found = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

const promtool = findPromtool();
if (!promtool) {
  console.warn(
    "promtool not found: the Prometheus config and rule checks are skipped (Debian: apt-get install prometheus)",
  );
}

function runPromtool(args: string[], cwd: string) {
  const result = spawnSync(promtool ?? "promtool", args, {
    cwd,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!promtool)("promtool", () => {
  it("accepts the scrape configuration", () => {
    const result = runPromtool(
      ["check", "config", "prometheus.yml"],
      path.join(monitoring, "prometheus"),
    );
    expect(result.output).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });

  it("accepts the alert rules", () => {
    const result = runPromtool(
      ["check", "rules", "alerts.yml"],
      path.join(monitoring, "prometheus"),
    );
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  it("passes the rules' unit tests", () => {
    const tests = readdirSync(path.join(monitoring, "tests")).filter((f) => f.endsWith(".yml"));
    expect(tests.length).toBeGreaterThan(0);
    const result = runPromtool(["test", "rules", ...tests], path.join(monitoring, "tests"));
    expect(result.output).not.toContain("FAILED");
    expect(result.status).toBe(0);
  });

  it("fails a rule whose expression does not parse", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fastnext-rules-"));
    writeFileSync(
      path.join(dir, "broken.yml"),
      "groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum(rate(fastnext_trpc_calls_total[5m])\n",
    );
    const result = runPromtool(["check", "rules", "broken.yml"], dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/FAILED|error/i);
  });
});

// --- metric names -------------------------------------------------------------

/** Every series name the processes export: their registries, histograms' series, and Prometheus's `up`. */
async function exportedNames(): Promise<Set<string>> {
  const registries: Registry[] = [
    createApiMetrics(createRegistry()).registry,
    createWorkerMetrics(createRegistry()).registry,
  ];
  const names = new Set<string>(["up"]);
  for (const registry of registries) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === "histogram")
        for (const suffix of ["_bucket", "_sum", "_count"]) names.add(metric.name + suffix);
    }
  }
  return names;
}

const PROMQL_KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
]);

/** The metric names a PromQL expression selects (functions, labels, strings and durations left out). */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, "")
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\boffset\s+-?\w+/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  const names = new Set<string>();
  for (const match of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const after = bare.slice(match.index + match[0].length);
    if (/^\s*\(/.test(after) || PROMQL_KEYWORDS.has(match[0])) continue;
    names.add(match[0]);
  }
  return [...names];
}

const ZDashboardSchema = z.object({
  uid: z.string().min(1),
  title: z.string().min(1),
  panels: z.array(
    z.object({
      id: z.number().int(),
      title: z.string().min(1),
      datasource: z.object({ type: z.string(), uid: z.string() }),
      targets: z
        .array(
          z.object({
            refId: z.string(),
            expr: z.string().min(1),
            datasource: z.object({ type: z.string(), uid: z.string() }),
          }),
        )
        .min(1),
    }),
  ),
});

const dashboardDir = path.join(monitoring, "grafana/dashboards");
const dashboards = readdirSync(dashboardDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({
    file,
    dashboard: ZDashboardSchema.parse(
      JSON.parse(readFileSync(path.join(dashboardDir, file), "utf8")),
    ),
  }));

const ZRulesSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      rules: z.array(z.object({ alert: z.string(), expr: z.string(), for: z.string().optional() })),
    }),
  ),
});
const alertRules = ZRulesSchema.parse(
  parse(read("deploy/monitoring/prometheus/alerts.yml")),
).groups.flatMap((group) => group.rules);

describe("metric names", () => {
  it("finds the selected metrics in an expression, and nothing else", () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (job, le) (rate(fastnext_x_bucket{job=~"$job",code!="OK"}[5m]))) / on (job) group_left up offset 5m',
      ),
    ).toEqual(["fastnext_x_bucket", "up"]);
    expect(metricNamesIn("time() - max(fastnext_y)")).toEqual(["fastnext_y"]);
  });

  it("has the four dashboards, each with its own uid", () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual([
      "application.json",
      "business.json",
      "infrastructure.json",
      "security.json",
    ]);
    expect(new Set(dashboards.map((d) => d.dashboard.uid)).size).toBe(dashboards.length);
  });

  it("names in every panel's queries only metrics the code exports", async () => {
    const exported = await exportedNames();
    for (const { file, dashboard } of dashboards) {
      for (const panel of dashboard.panels) {
        for (const target of panel.targets) {
          const names = metricNamesIn(target.expr);
          expect(names.length, `${file} "${panel.title}"`).toBeGreaterThan(0);
          for (const name of names)
            expect(exported, `${file} "${panel.title}": ${name}`).toContain(name);
        }
      }
    }
  });

  it("names in every alert only metrics the code exports", async () => {
    const exported = await exportedNames();
    expect(alertRules.length).toBeGreaterThanOrEqual(8);
    for (const rule of alertRules) {
      const names = metricNamesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(exported, `${rule.alert}: ${name}`).toContain(name);
    }
  });

  it("shows every metric of the product on some dashboard", async () => {
    const shown = new Set(
      dashboards.flatMap(({ dashboard }) =>
        dashboard.panels.flatMap((panel) => panel.targets.flatMap((t) => metricNamesIn(t.expr))),
      ),
    );
    const product = [...(await exportedNames())].filter((name) => name.startsWith("fastnext_"));
    const unseen = product.filter(
      (name) =>
        !shown.has(name) &&
        !["_bucket", "_sum", "_count"].some((suffix) => shown.has(name + suffix)) &&
        !shown.has(name.replace(/_(bucket|sum|count)$/, "_bucket")),
    );
    expect(unseen).toEqual([]);
  });

  it("points every panel at a provisioned data source", () => {
    const provisioned = z
      .object({
        datasources: z.array(z.object({ uid: z.string(), type: z.string(), url: z.string() })),
      })
      .parse(parse(read("deploy/monitoring/grafana/provisioning/datasources/datasources.yml")));
    const uids = new Set(provisioned.datasources.map((d) => `${d.type}/${d.uid}`));
    expect(provisioned.datasources.map((d) => d.type).sort()).toEqual(["jaeger", "prometheus"]);
    for (const { dashboard } of dashboards)
      for (const panel of dashboard.panels) {
        expect(uids).toContain(`${panel.datasource.type}/${panel.datasource.uid}`);
        for (const target of panel.targets)
          expect(uids).toContain(`${target.datasource.type}/${target.datasource.uid}`);
      }
  });
});

// --- the compose profile ------------------------------------------------------

interface ComposeService {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  depends_on?: Record<string, unknown>;
}

const compose = parse(read("docker-compose.yml"), { merge: true }) as {
  services: Record<string, ComposeService>;
};

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

const env = (name: string) =>
  Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([key, value]) => [
      key,
      value === null ? undefined : String(value),
    ]),
  );

/** The container path `source` (relative to the repository) is mounted at in `name`. */
function mountOf(name: string, source: string): string | undefined {
  for (const volume of service(name).volumes ?? []) {
    const [from = "", to] = volume.split(":");
    if (path.resolve(root, from) === path.resolve(root, source)) return to;
  }
  return undefined;
}

const monitoringServices = ["prometheus", "grafana", "otel-collector", "jaeger"];
const appServices = ["web", "api", "worker"] as const;

const ZScrapeSchema = z.object({
  rule_files: z.array(z.string()),
  scrape_configs: z.array(
    z.object({
      job_name: z.string(),
      metrics_path: z.string(),
      authorization: z.object({ type: z.literal("Bearer"), credentials_file: z.string() }),
      static_configs: z.array(z.object({ targets: z.array(z.string()) })),
    }),
  ),
});
const scrape = ZScrapeSchema.parse(parse(read("deploy/monitoring/prometheus/prometheus.yml")));

describe("the compose monitoring profile", () => {
  it("holds Prometheus, Grafana, the OTLP collector and Jaeger, and only those", () => {
    const inProfile = Object.entries(compose.services)
      .filter(([, s]) => s.profiles?.includes("monitoring"))
      .map(([name]) => name);
    expect(inProfile.sort()).toEqual([...monitoringServices].sort());
    for (const name of monitoringServices) expect(service(name).image).toMatch(/:[^:]*\d/);
    // The app itself runs without the profile.
    for (const name of appServices) expect(service(name).profiles).toBeUndefined();
  });

  it("mounts the configuration where each server reads it", () => {
    expect(mountOf("prometheus", "deploy/monitoring/prometheus")).toBe("/etc/prometheus");
    expect(mountOf("grafana", "deploy/monitoring/grafana/provisioning")).toBe(
      "/etc/grafana/provisioning",
    );
    const provider = z
      .object({ providers: z.array(z.object({ options: z.object({ path: z.string() }) })) })
      .parse(parse(read("deploy/monitoring/grafana/provisioning/dashboards/dashboards.yml")));
    expect(mountOf("grafana", "deploy/monitoring/grafana/dashboards")).toBe(
      provider.providers[0]?.options.path,
    );
    const collector = (service("otel-collector").volumes ?? []).find((v) =>
      v.startsWith("./deploy/monitoring/otel/"),
    );
    expect(collector).toBeDefined();
    expect(existsSync(path.join(root, collector?.split(":")[0] ?? ""))).toBe(true);
    for (const file of scrape.rule_files)
      expect(existsSync(path.join(monitoring, "prometheus", file))).toBe(true);
  });

  it("scrapes each app service at the port and path it serves its metrics on", () => {
    const jobs = Object.fromEntries(scrape.scrape_configs.map((job) => [job.job_name, job]));
    expect(Object.keys(jobs).sort()).toEqual(["api", "web", "worker"]);
    const worker = parseEnv("metrics", metricsEnvShape, env("worker")).METRICS_ADDRESS;
    const expected = {
      web: { target: `web:${env("web").PORT}`, path: "/api/metrics" },
      api: { target: `api:${env("api").API_PORT}`, path: METRICS_PATH },
      worker: { target: `worker:${worker?.port}`, path: METRICS_PATH },
    };
    for (const [job, want] of Object.entries(expected)) {
      expect(jobs[job]?.static_configs.flatMap((c) => c.targets)).toEqual([want.target]);
      expect(jobs[job]?.metrics_path).toBe(want.path);
    }
    expect(existsSync(path.join(root, "apps/web/src/app/api/metrics/route.ts"))).toBe(true);
    // Prometheus scrapes from a container of its own, which the loopback default would shut out.
    expect(worker?.host).toBe("0.0.0.0");
    expect(env("api").API_HOST).toBe("0.0.0.0");
  });

  it("gives Prometheus the token every app service asks for, one the schema accepts", () => {
    for (const job of scrape.scrape_configs) {
      const token = readFileSync(
        path.join(monitoring, "prometheus", job.authorization.credentials_file),
        "utf8",
      ).trim();
      for (const name of appServices) {
        expect(env(name).METRICS_TOKEN, name).toBe(token);
        expect(parseEnv("metrics", metricsEnvShape, env(name)).METRICS_TOKEN).toBe(token);
      }
    }
  });

  it("traces only when asked: the endpoint comes from the shell, and the documented one is the collector's", () => {
    const collector = z
      .object({
        receivers: z.object({
          otlp: z.object({ protocols: z.object({ http: z.object({ endpoint: z.string() }) }) }),
        }),
        exporters: z.record(z.string(), z.object({ endpoint: z.string() })),
      })
      .parse(parse(read("deploy/monitoring/otel/collector.yml")));
    const httpPort = collector.receivers.otlp.protocols.http.endpoint.split(":").at(-1);
    const endpoint = `http://otel-collector:${httpPort}`;
    // The command the compose file and the docs give for the profile sets it.
    const command = `OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint} docker compose --profile monitoring up`;
    expect(read("docker-compose.yml")).toContain(command);
    expect(read("docs/observability.md")).toContain(command);
    const names = appServices.map((name) => {
      // Declared without a value: passed on from the shell when set there, absent otherwise.
      expect(service(name).environment, name).toHaveProperty("OTEL_EXPORTER_OTLP_ENDPOINT", null);
      expect(tracingOffReason(readTracingEnv(env(name))), name).toBe(
        "no OTEL_EXPORTER_OTLP_ENDPOINT",
      );
      const asked = { ...env(name), OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
      expect(tracingOffReason(readTracingEnv(asked)), name).toBeNull();
      return env(name).OTEL_SERVICE_NAME;
    });
    expect(new Set(names).size).toBe(appServices.length);
    const exporters = Object.values(collector.exporters).map((e) => e.endpoint.split(":")[0]);
    expect(exporters).toEqual(["jaeger"]);
    expect(env("jaeger").COLLECTOR_OTLP_ENABLED).toBe("true");
  });

  it("points Grafana's data sources at the profile's services", () => {
    const provisioned = z
      .object({ datasources: z.array(z.object({ url: z.string() })) })
      .parse(parse(read("deploy/monitoring/grafana/provisioning/datasources/datasources.yml")));
    for (const { url } of provisioned.datasources) {
      const host = new URL(url).hostname;
      expect(monitoringServices).toContain(host);
      expect(Object.keys(service("grafana").depends_on ?? {})).toContain(host);
    }
  });
});
