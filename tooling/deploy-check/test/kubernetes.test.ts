import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { type IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { type INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { type IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { type IContainer } from "kubernetes-models/v1/Container";
import { type IProbe } from "kubernetes-models/v1/Probe";
import { type IService } from "kubernetes-models/v1/Service";
import { afterAll, describe, expect, it } from "vitest";

import { readAuthEnv } from "@fastnext/auth";
import { EnvError, type EnvSource } from "@fastnext/config";
import {
  createRegistry,
  createWorkerMetrics,
  METRIC,
  startMetricsListener,
} from "@fastnext/metrics";
import { metricsEnvShape } from "@fastnext/metrics/env";
import { apiServerEnvShape } from "@fastnext/api-server/src/env";
import { readWebEnv, webEnvShape } from "@fastnext/web/src/env";

import { readDockerfile } from "../src/dockerfile";
import {
  allContainers,
  containerEnv,
  findKubectl,
  ofKind,
  renderKustomization,
  resourceProblems,
  schemaProblems,
  securityProblems,
  selects,
  workloads,
  type KubeObject,
  type Workload,
} from "../src/kubernetes";
import {
  missingKeys,
  parseProcessEnv,
  processNames,
  redisProcesses,
  unknownKeys,
  type ProcessName,
} from "../src/process-env";

// deploy/k8s rendered by the real kustomize of kubectl (Debian's
// kubernetes-client carries the oldest one the manifests are written
// for), every object validated against the Kubernetes schemas, and the
// workloads cross-checked against the code: environment schemas, probe
// endpoints, listening ports, the migration ordering and the network
// policies. Each check is also shown to fail on the mistake it is there for.

const root = fileURLToPath(new URL("../../../", import.meta.url));
const k8s = path.join(root, "deploy/k8s");
const dockerfile = readDockerfile(path.join(root, "Dockerfile"));

const kubectl = findKubectl();
if (!kubectl) {
  console.warn(
    "kubectl not found: the Kubernetes manifest checks are skipped (Debian: apt-get install kubernetes-client)",
  );
}

const overlays = ["development", "production"] as const;
type Overlay = (typeof overlays)[number];

const renders = new Map<Overlay, KubeObject[]>();
function rendered(overlay: Overlay): KubeObject[] {
  let objects = renders.get(overlay);
  if (!objects) {
    objects = renderKustomization(kubectl ?? "kubectl", path.join(k8s, "overlays", overlay));
    renders.set(overlay, objects);
  }
  // Each caller gets its own copy: the negative cases edit theirs.
  return structuredClone(objects);
}

// --- what the code serves --------------------------------------------------------

/** The image target a container runs: the last path segment of its image, without the tag. */
function imageTarget(image: string | undefined): string {
  return (image ?? "").split("/").at(-1)?.split(":")[0] ?? "";
}

function imageTag(image: string | undefined): string {
  return (image ?? "").split("/").at(-1)?.split(":")[1] ?? "";
}

/** Paths each process answers that a probe may ask for. */
function servesPath(process: ProcessName, probePath: string): boolean {
  if (process === "web") {
    return existsSync(path.join(root, "apps/web/src/app", probePath, "route.ts"));
  }
  if (process === "api") {
    const server = readFileSync(path.join(root, "apps/api/src/server.ts"), "utf8");
    return [...server.matchAll(/^\s+"(\/[^"]*)": \(/gm)].some((match) => match[1] === probePath);
  }
  return false;
}

/** The port a process listens on, read from its environment as the process itself does. */
function listeningPort(process: ProcessName, env: EnvSource): number | null {
  if (process === "web") return webEnvShape.PORT.parse(env.PORT);
  if (process === "api") return apiServerEnvShape.API_PORT.parse(env.API_PORT);
  if (process === "worker")
    return metricsEnvShape.METRICS_ADDRESS.parse(env.METRICS_ADDRESS)?.port ?? null;
  return null;
}

function containerPort(
  container: IContainer,
  port: number | string | undefined,
): number | undefined {
  if (typeof port === "number") return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

// --- the checks ----------------------------------------------------------------

interface Context {
  /** Whether every Secret is in the render (development), so values can be parsed too. */
  secretsRendered: boolean;
}

function processOf(workload: Workload): ProcessName | undefined {
  const component = workload.labels["app.kubernetes.io/component"];
  return processNames.find((name) => name === component);
}

/** The process a container runs: the workload's, or the schema wait of the init container. */
function containerProcess(workload: Workload, container: IContainer): ProcessName | undefined {
  if (workload.pod.initContainers?.includes(container)) {
    return container.command?.join(" ") === "pnpm --filter @fastnext/db db:wait"
      ? "migrate"
      : undefined;
  }
  return processOf(workload);
}

function envProblems(objects: KubeObject[], context: Context): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    for (const container of allContainers(workload.pod)) {
      const where = `${workload.name}/${container.name}`;
      const process = containerProcess(workload, container);
      if (!process) {
        problems.push(`${where}: runs no known process`);
        continue;
      }
      const target = imageTarget(container.image);
      if (target !== process)
        problems.push(`${where}: image ${container.image ?? ""} is not the ${process} target`);
      const image = dockerfile.stages.some((s) => s.name === target)
        ? dockerfile.imageEnv(target)
        : {};
      const { variables, problems: references } = containerEnv(container, objects);
      problems.push(...references.map((problem) => `${workload.name}/${problem}`));
      const keys = variables.map((v) => v.key);
      for (const key of unknownKeys(process, keys))
        problems.push(`${where}: ${key} is read by no ${process} schema`);
      for (const key of missingKeys(process, [...keys, ...Object.keys(image)]))
        problems.push(`${where}: required ${key} is not set`);
      if (!context.secretsRendered) continue;
      const env: EnvSource = {
        ...image,
        ...Object.fromEntries(variables.map((v) => [v.key, v.value])),
      };
      const checks = [() => parseProcessEnv(process, env)];
      if (process === "web")
        checks.push(
          () => readWebEnv(env),
          () => readAuthEnv(env),
        );
      for (const check of checks) {
        try {
          check();
        } catch (error) {
          if (!(error instanceof EnvError)) throw error;
          problems.push(`${where}: ${error.message}`);
        }
      }
    }
  }
  return problems;
}

function probeProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const process = processOf(workload);
    if (workload.kind !== "Deployment" || !process) continue;
    for (const container of workload.pod.containers) {
      const where = `${workload.name}/${container.name}`;
      const { variables } = containerEnv(container, objects);
      const env: EnvSource = {
        ...dockerfile.imageEnv(imageTarget(container.image)),
        ...Object.fromEntries(variables.map((v) => [v.key, v.value])),
      };
      const port = listeningPort(process, env);
      const probes: [string, IProbe | undefined][] = [
        ["startupProbe", container.startupProbe],
        ["livenessProbe", container.livenessProbe],
        ["readinessProbe", container.readinessProbe],
      ];
      for (const [field, probe] of probes) {
        if (!probe) {
          problems.push(`${where}: no ${field}`);
          continue;
        }
        if (probe.httpGet) {
          if (!servesPath(process, probe.httpGet.path ?? "/"))
            problems.push(
              `${where}: ${field} asks for ${probe.httpGet.path ?? "/"}, which ${process} does not serve`,
            );
          if (containerPort(container, probe.httpGet.port) !== port)
            problems.push(
              `${where}: ${field} port ${String(probe.httpGet.port)} is not ${process}'s port ${String(port)}`,
            );
        } else if (probe.tcpSocket) {
          if (containerPort(container, probe.tcpSocket.port) !== port)
            problems.push(
              `${where}: ${field} port ${String(probe.tcpSocket.port)} is not ${process}'s port ${String(port)}`,
            );
        } else if (probe.exec) {
          const script = (probe.exec.command ?? []).join(" ");
          if (
            process !== "worker" ||
            !script.includes(METRIC.workerHeartbeat) ||
            !script.includes(`127.0.0.1:${String(port)}/metrics`)
          )
            problems.push(
              `${where}: ${field} runs a command that reads no heartbeat of this worker`,
            );
        } else {
          problems.push(`${where}: ${field} checks nothing`);
        }
      }
    }
  }
  return problems;
}

function migrationProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const all = workloads(objects);
  const jobs = all.filter((w) => w.kind === "Job" && processOf(w) === "migrate");
  if (jobs.length !== 1) return [`${String(jobs.length)} migration Jobs, not one`];
  const migrateImage = jobs[0]?.pod.containers[0]?.image;
  const db = JSON.parse(readFileSync(path.join(root, "packages/db/package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  if (!db.scripts["db:wait"]) problems.push("packages/db has no db:wait script");
  for (const workload of all.filter((w) => w.kind === "Deployment")) {
    const waits = (workload.pod.initContainers ?? []).filter(
      (c) => containerProcess(workload, c) === "migrate",
    );
    // The image of the same release: it waits for the migrations this release ships.
    if (!waits.some((c) => c.image === migrateImage))
      problems.push(
        `${workload.name}: no init container waits for the migrations of ${migrateImage ?? "?"}`,
      );
  }
  const tags = new Set(all.flatMap((w) => allContainers(w.pod).map((c) => imageTag(c.image))));
  if (tags.size !== 1 || tags.has(""))
    problems.push(`images of several releases: ${[...tags].join(", ")}`);
  return problems;
}

function servingProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const deployments = workloads(objects).filter((w) => w.kind === "Deployment");
  const services = ofKind<IService>(objects, "Service");
  for (const service of services) {
    const pods = deployments.filter((d) =>
      selects({ matchLabels: service.spec?.selector ?? {} }, d.labels),
    );
    if (pods.length !== 1)
      problems.push(`Service ${service.metadata.name} selects ${String(pods.length)} Deployments`);
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      if (!pods.some((p) => p.pod.containers.some((c) => containerPort(c, target) !== undefined)))
        problems.push(`Service ${service.metadata.name}: no container has port ${String(target)}`);
    }
  }
  for (const ingress of ofKind<IIngress>(objects, "Ingress")) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const { backend } of rule.http?.paths ?? []) {
        const service = services.find((s) => s.metadata.name === backend.service?.name);
        const port = backend.service?.port;
        if (!service?.spec?.ports?.some((p) => p.name === port?.name || p.port === port?.number))
          problems.push(
            `Ingress ${ingress.metadata.name}: no Service ${backend.service?.name ?? "?"} with that port`,
          );
      }
    }
  }
  const hpas = ofKind<IHorizontalPodAutoscaler>(objects, "HorizontalPodAutoscaler");
  const pdbs = ofKind<IPodDisruptionBudget>(objects, "PodDisruptionBudget");
  for (const deployment of deployments) {
    const scaled = hpas.filter(
      (h) =>
        h.spec?.scaleTargetRef.kind === "Deployment" &&
        h.spec.scaleTargetRef.name === deployment.name,
    );
    if (scaled.length !== 1)
      problems.push(`${deployment.name}: ${String(scaled.length)} autoscalers`);
    for (const hpa of scaled) {
      if ((hpa.spec?.minReplicas ?? 1) > (hpa.spec?.maxReplicas ?? 0))
        problems.push(`${hpa.metadata.name}: minReplicas above maxReplicas`);
    }
    if (pdbs.filter((p) => selects(p.spec?.selector, deployment.labels)).length !== 1)
      problems.push(`${deployment.name}: not covered by one PodDisruptionBudget`);
  }
  for (const hpa of hpas) {
    if (!deployments.some((d) => d.name === hpa.spec?.scaleTargetRef.name))
      problems.push(`${hpa.metadata.name}: scales no Deployment of the render`);
  }
  return problems;
}

// --- network policies ----------------------------------------------------------------

type Rule = {
  ports: string[] | "any";
  peers: NonNullable<NonNullable<INetworkPolicy["spec"]>["ingress"]>[number]["from"];
};

function rulesFor(
  objects: KubeObject[],
  workload: Workload,
  direction: "Ingress" | "Egress",
): Rule[] {
  return ofKind<INetworkPolicy>(objects, "NetworkPolicy")
    .filter((p) => selects(p.spec?.podSelector, workload.labels))
    .filter((p) => (p.spec?.policyTypes ?? ["Ingress"]).includes(direction))
    .flatMap((p) =>
      direction === "Ingress"
        ? (p.spec?.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from }))
        : (p.spec?.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })),
    )
    .map(({ ports, peers }) => ({
      ports: ports?.length ? ports.map((p) => `${p.protocol ?? "TCP"}/${String(p.port)}`) : "any",
      peers,
    }));
}

const allows = (rules: Rule[], port: string) =>
  rules.some((r) => r.ports === "any" || r.ports.includes(port));

function networkProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const policies = ofKind<INetworkPolicy>(objects, "NetworkPolicy");
  const all = workloads(objects);
  if (
    !policies.some(
      (p) =>
        Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
        !p.spec?.ingress &&
        !p.spec?.egress &&
        (["Ingress", "Egress"] as const).every((t) => p.spec?.policyTypes?.includes(t)),
    )
  )
    problems.push("no default-deny NetworkPolicy");
  for (const policy of policies) {
    const selector = policy.spec?.podSelector;
    const empty = !selector?.matchLabels && !selector?.matchExpressions;
    if (!empty && !all.some((w) => selects(selector, w.labels)))
      problems.push(`NetworkPolicy ${policy.metadata.name} selects no pod`);
  }
  for (const workload of all) {
    const process = processOf(workload);
    if (!process) continue;
    const egress = rulesFor(objects, workload, "Egress");
    const ingress = rulesFor(objects, workload, "Ingress");
    if (!allows(egress, "TCP/5432")) problems.push(`${process} cannot reach PostgreSQL`);
    const redis = allows(egress, "TCP/6379");
    if (redis !== redisProcesses.includes(process))
      problems.push(
        redis ? `${process} reaches Redis, which it does not use` : `${process} cannot reach Redis`,
      );
    // Name resolution, from the cluster DNS pods only (labels of ours on
    // that selector would match none of them).
    const dns = egress.filter((r) => r.ports !== "any" && r.ports.includes("UDP/53"));
    if (
      !dns.some((r) =>
        r.peers?.some(
          (peer) =>
            JSON.stringify(peer.podSelector?.matchLabels) ===
            JSON.stringify({ "k8s-app": "kube-dns" }),
        ),
      )
    )
      problems.push(`${process} cannot resolve names through kube-dns`);
    const fromController = ingress.filter((r) =>
      r.peers?.some(
        (peer) =>
          !peer.podSelector &&
          selects(peer.namespaceSelector, { "kubernetes.io/metadata.name": "ingress-nginx" }),
      ),
    );
    const served = process === "web" || process === "api";
    const port = workload.pod.containers[0]?.ports?.[0]?.containerPort;
    if (served !== allows(fromController, `TCP/${String(port)}`))
      problems.push(
        served
          ? `the ingress controller cannot reach ${process}`
          : `the ingress controller reaches ${process}`,
      );
    if (ingress.some((r) => !r.peers?.length))
      problems.push(`${process} accepts traffic from anywhere`);
  }
  return problems;
}

function manifestProblems(objects: KubeObject[], context: Context): string[] {
  const all = workloads(objects);
  const components = all.map((w) => `${w.kind} ${processOf(w) ?? w.name}`).sort();
  const expected = ["Deployment api", "Deployment web", "Deployment worker", "Job migrate"];
  return [
    ...(JSON.stringify(components) === JSON.stringify(expected)
      ? []
      : [`workloads ${components.join(", ")}`]),
    ...all.flatMap(resourceProblems),
    ...all.flatMap(securityProblems),
    ...all
      .filter(
        (w) => w.kind === "Job" && !["Never", "OnFailure"].includes(w.pod.restartPolicy ?? ""),
      )
      .map((w) => `${w.name}: restartPolicy`),
    ...envProblems(objects, context),
    ...probeProblems(objects),
    ...migrationProblems(objects),
    ...servingProblems(objects),
    ...networkProblems(objects),
  ];
}

const contexts: Record<Overlay, Context> = {
  development: { secretsRendered: true },
  production: { secretsRendered: false },
};

// --- tests ------------------------------------------------------------------------

describe.skipIf(!kubectl)("deploy/k8s", () => {
  it.each(overlays)(
    "renders the %s overlay into objects the Kubernetes schemas accept",
    async (overlay) => {
      const objects = rendered(overlay);
      expect(objects.length).toBeGreaterThan(15);
      const problems = (await Promise.all(objects.map(schemaProblems))).flat();
      expect(problems).toEqual([]);
    },
  );

  it.each(overlays)("passes every cross-check against the code in the %s overlay", (overlay) => {
    expect(manifestProblems(rendered(overlay), contexts[overlay])).toEqual([]);
  });

  it("keeps real secrets out of the repository: production renders no Secret, development only public values", () => {
    expect(ofKind(rendered("production"), "Secret")).toEqual([]);
    const names = ofKind(rendered("development"), "Secret").map((s) =>
      s.metadata.name.replace(/-[a-z0-9]{10}$/, ""),
    );
    expect(names.sort()).toEqual([
      "fastnext-auth",
      "fastnext-database",
      "fastnext-metrics",
      "fastnext-redis",
    ]);
  });

  it.each(overlays)("puts the %s overlay in a namespace of its own", (overlay) => {
    const namespaces = new Set(rendered(overlay).map((o) => o.metadata.namespace));
    expect([...namespaces]).toEqual([overlay === "production" ? "fastnext" : "fastnext-dev"]);
  });

  it("sends traffic to web and api only once ready, and keeps old pods until new ones are", () => {
    for (const workload of workloads(rendered("production")).filter(
      (w) => w.kind === "Deployment",
    )) {
      const deployment = ofKind<{
        spec: { strategy?: { rollingUpdate?: { maxUnavailable?: number } }; replicas?: number };
      }>(rendered("production"), "Deployment").find((d) => d.metadata.name === workload.name);
      expect(deployment?.spec.strategy?.rollingUpdate?.maxUnavailable, workload.name).toBe(0);
      // The autoscaler owns the count: a replicas field would reset it on every apply.
      expect(deployment?.spec.replicas, workload.name).toBeUndefined();
    }
  });

  describe("fails on the mistakes it is there for", () => {
    const dev = () => rendered("development");
    const deployment = (objects: KubeObject[], name: string) => {
      const found = workloads(objects).find((w) => w.name === name);
      if (!found) throw new Error(`no workload ${name}`);
      return found;
    };
    const main = (objects: KubeObject[], name: string) => {
      const container = deployment(objects, name).pod.containers[0];
      if (!container) throw new Error(`${name} has no container`);
      return container;
    };
    // Sorted, so each expectation lists the problems in any order.
    const problems = (objects: KubeObject[]) =>
      manifestProblems(objects, contexts.development).sort();

    it("a missing memory limit", () => {
      const objects = dev();
      delete main(objects, "fastnext-web").resources?.limits?.memory;
      expect(problems(objects)).toEqual(["fastnext-web/web: no limits.memory"]);
    });

    it("an env key no schema of the process reads, and a required one left out", () => {
      const objects = dev();
      const config = ofKind<{ data: Record<string, string> }>(objects, "ConfigMap").find((c) =>
        c.metadata.name.startsWith("fastnext-worker-"),
      );
      if (!config) throw new Error("no worker ConfigMap");
      config.data.WORKER_CONCURENCY = "8";
      const api = main(objects, "fastnext-api");
      api.env = api.env?.filter((e) => e.name !== "DATABASE_URL");
      expect(problems(objects)).toEqual([
        "fastnext-api/api: Invalid configuration for database:\n  - DATABASE_URL: is required",
        "fastnext-api/api: required DATABASE_URL is not set",
        "fastnext-worker/worker: WORKER_CONCURENCY is read by no worker schema",
      ]);
    });

    it("a value the schema refuses", () => {
      const objects = dev();
      const config = ofKind<{ data: Record<string, string> }>(objects, "ConfigMap").find((c) =>
        c.metadata.name.startsWith("fastnext-api-"),
      );
      if (!config) throw new Error("no api ConfigMap");
      config.data.CORS_ORIGINS = "*";
      expect(problems(objects)).toEqual([
        expect.stringMatching(
          /^fastnext-api\/api: Invalid configuration for api:\n  - CORS_ORIGINS: must list origins one by one/,
        ),
      ]);
    });

    it("a probe on a path the process does not serve, or on another port", () => {
      const objects = dev();
      const web = main(objects, "fastnext-web");
      if (web.readinessProbe?.httpGet) web.readinessProbe.httpGet.path = "/api/readyz";
      if (web.livenessProbe?.httpGet) web.livenessProbe.httpGet.port = 8080;
      delete main(objects, "fastnext-api").startupProbe;
      expect(problems(objects)).toEqual([
        "fastnext-api/api: no startupProbe",
        "fastnext-web/web: livenessProbe port 8080 is not web's port 3000",
        "fastnext-web/web: readinessProbe asks for /api/readyz, which web does not serve",
      ]);
    });

    it("a writable root filesystem or a kept capability", () => {
      const objects = dev();
      const worker = main(objects, "fastnext-worker");
      if (worker.securityContext) worker.securityContext.readOnlyRootFilesystem = false;
      const init = deployment(objects, "fastnext-api").pod.initContainers?.[0];
      if (init?.securityContext?.capabilities) init.securityContext.capabilities.drop = ["NET_RAW"];
      expect(problems(objects)).toEqual([
        "fastnext-api/wait-for-migrations: capabilities",
        "fastnext-worker/worker: readOnlyRootFilesystem",
      ]);
    });

    it("a Deployment that starts before the migrations, or with another release's image", () => {
      const objects = dev();
      deployment(objects, "fastnext-worker").pod.initContainers = [];
      main(objects, "fastnext-web").image = "fastnext/web:previous";
      expect(problems(objects)).toEqual([
        "fastnext-worker: no init container waits for the migrations of fastnext/migrate:dev",
        "images of several releases: dev, previous",
      ]);
    });

    it("a process let through to Redis it does not use, or cut off from PostgreSQL", () => {
      const objects = dev();
      const policies = ofKind<INetworkPolicy>(objects, "NetworkPolicy");
      const redis = policies.find((p) => p.metadata.name === "fastnext-allow-redis");
      redis?.spec?.podSelector.matchExpressions?.[0]?.values?.push("worker");
      const postgres = policies.find((p) => p.metadata.name === "fastnext-allow-postgres");
      const values = postgres?.spec?.podSelector.matchExpressions?.[0]?.values;
      values?.splice(values.indexOf("migrate"), 1);
      expect(problems(objects)).toEqual([
        "migrate cannot reach PostgreSQL",
        "worker reaches Redis, which it does not use",
      ]);
    });

    it("an object the schemas refuse, or of an API Kubernetes does not have", async () => {
      const objects = dev();
      const web = main(objects, "fastnext-web");
      const port = web.ports?.[0];
      if (port) (port as { containerPort: unknown }).containerPort = "3000";
      const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler");
      if (hpa) hpa.apiVersion = "autoscaling/v2beta3";
      const found = (await Promise.all(objects.map(schemaProblems))).flat();
      expect(found).toEqual([
        expect.stringMatching(/^Deployment fastnext-web: .*containerPort must be integer/),
        `HorizontalPodAutoscaler ${hpa?.metadata.name ?? ""}: no schema for autoscaling/v2beta3 HorizontalPodAutoscaler`,
      ]);
    });

    // A real overlay rendered by kubectl: commonLabels reach every
    // selector, the NetworkPolicies' peers among them.
    const scratch = mkdtempSync(path.join(tmpdir(), "fastnext-k8s-"));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it("labels added to every selector by commonLabels", () => {
      writeFileSync(
        path.join(scratch, "kustomization.yaml"),
        [
          "apiVersion: kustomize.config.k8s.io/v1beta1",
          "kind: Kustomization",
          "bases:",
          `  - ${path.relative(scratch, path.join(k8s, "overlays/production"))}`,
          "commonLabels:",
          "  app.kubernetes.io/part-of: fastnext",
          "",
        ].join("\n"),
      );
      const found = manifestProblems(
        renderKustomization(kubectl ?? "kubectl", scratch),
        contexts.production,
      );
      expect(found.sort()).toEqual(
        processNames.map((name) => `${name} cannot resolve names through kube-dns`).sort(),
      );
    });

    it("a kustomization kubectl cannot build", () => {
      writeFileSync(path.join(scratch, "kustomization.yaml"), "resources:\n  - missing.yaml\n");
      expect(() => renderKustomization(kubectl ?? "kubectl", scratch)).toThrow(
        /kubectl kustomize .* failed: .*missing\.yaml/,
      );
    });
  });
});

// The worker's liveness command, run as the kubelet would, against a real
// metrics listener of the worker's own registry.
describe.skipIf(!kubectl).concurrent("the worker's liveness probe", () => {
  const worker = workloads(kubectl ? rendered("production") : []).find(
    (w) => w.name === "fastnext-worker",
  );
  const command = worker?.pod.containers[0]?.livenessProbe?.exec?.command ?? [];

  async function probe(options: {
    beatAgoSeconds: number | null;
    token: string;
    sentToken?: string;
  }): Promise<number> {
    const metrics = createWorkerMetrics(createRegistry());
    if (options.beatAgoSeconds !== null)
      metrics.heartbeat(new Date(Date.now() - options.beatAgoSeconds * 1000));
    const listener = await startMetricsListener({
      address: { host: "127.0.0.1", port: 0 },
      registry: metrics.registry,
      token: options.token,
    });
    try {
      const [bin = "", ...args] = command;
      const child = spawn(
        bin === "node" ? process.execPath : bin,
        args.map((a) => a.replace("127.0.0.1:9464", `127.0.0.1:${String(listener.port)}`)),
        {
          env: {
            METRICS_TOKEN: options.sentToken ?? options.token,
            WORKER_HEARTBEAT_SECONDS: "10",
          },
          stdio: "ignore",
        },
      );
      return await new Promise<number>((resolve) =>
        child.on("exit", (code) => resolve(code ?? -1)),
      );
    } finally {
      await listener.close();
    }
  }

  const token = "liveness-probe-test-token-0000";
  it("passes while the heartbeat is fresh", async () => {
    expect(command[0]).toBe("node");
    expect(await probe({ beatAgoSeconds: 2, token })).toBe(0);
  });

  it("fails once the last beat is older than three intervals and the margin", async () => {
    expect(await probe({ beatAgoSeconds: 60, token })).toBe(1);
  });

  it("fails before the first beat and when the token is refused", async () => {
    expect(await probe({ beatAgoSeconds: null, token })).toBe(1);
    expect(await probe({ beatAgoSeconds: 2, token, sentToken: "some-other-token-00000000" })).toBe(
      1,
    );
  });
});
