import { spawnSync } from "node:child_process";

import { type IDeployment } from "kubernetes-models/apps/v1/Deployment";
import { type IJob } from "kubernetes-models/batch/v1/Job";
import { type INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import { type IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { type IContainer } from "kubernetes-models/v1/Container";
import { type IPodSpec } from "kubernetes-models/v1/PodSpec";
import { type ISecret } from "kubernetes-models/v1/Secret";
import { parseAllDocuments } from "yaml";

// Renders deploy/k8s with kubectl's built-in kustomize and reads what came
// out: the objects, each validated against the Kubernetes API schemas of
// the kubernetes-models packages (shipped with them: no network).

/** Any rendered object: what every kind has, the rest read through the typed views below. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export type LabelSelector = NonNullable<INetworkPolicyPeer["podSelector"]>;

/** `kubectl kustomize <dir>`; throws with kubectl's message when it refuses the kustomization. */
export function renderKustomization(kubectl: string, dir: string): KubeObject[] {
  const result = spawnSync(kubectl, ["kustomize", dir], { encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr.trim()}`);
  }
  const objects = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
  // Kustomize v4 and later wrap long base64 values over several lines;
  // base64 decoders, the API server's among them, skip the line breaks.
  for (const secret of objects.filter((object) => object.kind === "Secret")) {
    const data = secret.data as Record<string, string> | undefined;
    for (const key of Object.keys(data ?? {})) {
      if (data) data[key] = (data[key] ?? "").replace(/\s+/g, "");
    }
  }
  return objects;
}

/** The kubectl on PATH, or null. */
export function findKubectl(): string | null {
  const found = spawnSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

/**
 * Checks an object against the schema of its apiVersion and kind. An
 * apiVersion or kind the models do not know is a problem too (a typo, or
 * an API removed from Kubernetes). The schemas accept fields they do not
 * know, as the API server's lenient decoding does: the checks of
 * deploy-check's tests read the fields that matter by name.
 */
export async function schemaProblems(object: KubeObject): Promise<string[]> {
  const [group, version] = object.apiVersion.includes("/")
    ? object.apiVersion.split("/")
    : [undefined, object.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`;
  let Model: ModelClass | undefined;
  try {
    const loaded = (await import(module)) as Record<string, ModelClass | undefined>;
    Model = loaded[object.kind];
  } catch {
    Model = undefined;
  }
  const name = `${object.kind} ${object.metadata.name}`;
  if (!Model) return [`${name}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${name}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

// --- typed views --------------------------------------------------------------

export function ofKind<T>(objects: KubeObject[], kind: string): (KubeObject & T)[] {
  return objects.filter((object) => object.kind === kind) as (KubeObject & T)[];
}

/** A Deployment or a Job: something that runs pods of one of the processes. */
export interface Workload {
  kind: "Deployment" | "Job";
  name: string;
  labels: Record<string, string>;
  pod: IPodSpec;
}

export function workloads(objects: KubeObject[]): Workload[] {
  const deployments = ofKind<IDeployment>(objects, "Deployment").map((d): Workload => ({
    kind: "Deployment",
    name: d.metadata.name,
    labels: d.spec?.template.metadata?.labels ?? {},
    pod: d.spec?.template.spec ?? { containers: [] },
  }));
  const jobs = ofKind<IJob>(objects, "Job").map((j): Workload => ({
    kind: "Job",
    name: j.metadata.name,
    labels: j.spec?.template.metadata?.labels ?? {},
    pod: j.spec?.template.spec ?? { containers: [] },
  }));
  return [...deployments, ...jobs];
}

export function allContainers(pod: IPodSpec): IContainer[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

/** Whether a label selector matches these labels (matchLabels and matchExpressions). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>) {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    switch (e.operator) {
      case "In":
        return value !== undefined && (e.values ?? []).includes(value);
      case "NotIn":
        return value === undefined || !(e.values ?? []).includes(value);
      case "Exists":
        return value !== undefined;
      case "DoesNotExist":
        return value === undefined;
      default:
        return false;
    }
  });
  return byLabel && byExpression;
}

// --- environment ----------------------------------------------------------------

/** A variable as the container gets it: a value, or a reference to a Secret not in the render. */
export interface ContainerVariable {
  key: string;
  /** Known value; undefined when it comes from a Secret created outside the manifests. */
  value: string | undefined;
  from: string;
}

/**
 * Every variable a container is given, resolved against the rendered
 * ConfigMaps and Secrets. A reference to a ConfigMap, or to a key of a
 * rendered Secret, that is not there is reported; a Secret that is not
 * rendered at all is one the operator creates (production), and its keys
 * count as given.
 */
export function containerEnv(
  container: IContainer,
  objects: KubeObject[],
): { variables: ContainerVariable[]; problems: string[] } {
  const configMaps = new Map(
    ofKind<IConfigMap>(objects, "ConfigMap").map((c) => [c.metadata.name, c.data ?? {}]),
  );
  const secrets = new Map(
    ofKind<ISecret>(objects, "Secret").map((s) => [
      s.metadata.name,
      Object.fromEntries(
        Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]),
      ),
    ]),
  );
  const variables: ContainerVariable[] = [];
  const problems: string[] = [];
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const name = source.configMapRef.name ?? "";
      const data = configMaps.get(name);
      if (!data) problems.push(`${container.name}: envFrom ConfigMap ${name} is not rendered`);
      for (const [key, value] of Object.entries(data ?? {}))
        variables.push({ key, value, from: `ConfigMap ${name}` });
    }
    if (source.secretRef) {
      // An external Secret's keys cannot be known from the manifests:
      // secrets are named one by one with secretKeyRef instead.
      problems.push(
        `${container.name}: envFrom Secret ${source.secretRef.name ?? ""}: use secretKeyRef`,
      );
    }
  }
  for (const entry of container.env ?? []) {
    const configRef = entry.valueFrom?.configMapKeyRef;
    const secretRef = entry.valueFrom?.secretKeyRef;
    if (configRef) {
      const value = configMaps.get(configRef.name ?? "")?.[configRef.key];
      if (value === undefined && !configRef.optional)
        problems.push(
          `${container.name}: ${entry.name} from ConfigMap ${configRef.name ?? ""}/${configRef.key}, not rendered`,
        );
      variables.push({ key: entry.name, value, from: `ConfigMap ${configRef.name ?? ""}` });
    } else if (secretRef) {
      const secret = secrets.get(secretRef.name ?? "");
      const value = secret?.[secretRef.key];
      if (secret && value === undefined && !secretRef.optional)
        problems.push(
          `${container.name}: ${entry.name}: Secret ${secretRef.name ?? ""} has no key ${secretRef.key}`,
        );
      if (secret && value === undefined) continue;
      variables.push({ key: entry.name, value, from: `Secret ${secretRef.name ?? ""}` });
    } else if (entry.valueFrom) {
      problems.push(`${container.name}: ${entry.name} comes from neither a ConfigMap nor a Secret`);
    } else {
      variables.push({ key: entry.name, value: entry.value ?? "", from: "env" });
    }
  }
  return { variables, problems };
}

// --- security -------------------------------------------------------------------

/**
 * What every container must run with, the pod's settings counted where
 * Kubernetes lets the pod set them for all its containers.
 */
export function securityProblems(workload: Workload): string[] {
  const pod = workload.pod.securityContext ?? {};
  const problems: string[] = [];
  for (const container of allContainers(workload.pod)) {
    const own = container.securityContext ?? {};
    const where = `${workload.name}/${container.name}`;
    if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot`);
    if ((own.runAsUser ?? pod.runAsUser) === 0) problems.push(`${where}: runs as uid 0`);
    if (own.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem`);
    if (own.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation`);
    if (own.privileged === true) problems.push(`${where}: privileged`);
    if (!(own.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: capabilities`);
    if (own.capabilities?.add?.length) problems.push(`${where}: adds capabilities`);
    if ((own.seccompProfile ?? pod.seccompProfile)?.type !== "RuntimeDefault")
      problems.push(`${where}: seccompProfile`);
  }
  return problems;
}

export function resourceProblems(workload: Workload): string[] {
  return allContainers(workload.pod).flatMap((container) => {
    const where = `${workload.name}/${container.name}`;
    return (["requests", "limits"] as const).flatMap((kind) =>
      ["cpu", "memory"]
        .filter((resource) => container.resources?.[kind]?.[resource] === undefined)
        .map((resource) => `${where}: no ${kind}.${resource}`),
    );
  });
}
