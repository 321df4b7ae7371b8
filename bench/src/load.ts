import autocannon from "autocannon";

export interface LoadTarget {
  name: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** A fresh body for every request (e.g. a different instance to move). */
  nextBody?: () => string;
}

export interface LoadResult {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Drives one target with autocannon for a fixed time; loopback only. */
export async function drive(
  target: LoadTarget,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const url = new URL(target.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(`benchmarks only target loopback, not ${url.hostname}`);
  }
  const nextBody = target.nextBody;
  const result = await autocannon({
    url: target.url,
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
    ...(nextBody
      ? { requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }] }
      : {}),
  });
  return {
    name: target.name,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

export function printTable(rows: Record<string, string | number>[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i] ?? 0)).join("  ");
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))));
}
