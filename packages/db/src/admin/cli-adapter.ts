import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// PostgreSQL catalog types the schema engine reads but the pg driver adapter
// cannot map: `name` (19) and `"char"` (18). Both arrive from the driver as
// plain strings, so presenting them as `text` (25) is exact.
const CATALOG_TEXT_TYPES = new Set([18, 19]);
const TEXT_OID = 25;

interface FieldLike {
  dataTypeID: number;
}

function relabel(result: unknown): void {
  const fields = (result as { fields?: FieldLike[] } | undefined)?.fields;
  if (!Array.isArray(fields)) return;
  for (const field of fields) {
    if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
}

type AnyQuery = (...args: unknown[]) => unknown;

function patchClient(client: pg.PoolClient): void {
  const original = client.query.bind(client) as AnyQuery;
  const patched: AnyQuery = (...args) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => {
        relabel(result);
        callback(error, result);
      };
      return original(...args);
    }
    const returned = original(...args);
    if (returned instanceof Promise) {
      return returned.then((result: unknown) => {
        relabel(result);
        return result;
      });
    }
    return returned;
  };
  client.query = patched as typeof client.query;
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The adapter's own executeScript splits a migration on every ";", which
 * breaks `DO $$ ... $$` blocks and function bodies. PostgreSQL's simple
 * query protocol takes the whole script at once and runs it as one implicit
 * transaction, so a failing migration also leaves nothing half applied.
 */
class WholeScriptPrismaPg extends PrismaPg {
  constructor(private readonly pool: pg.Pool) {
    super(pool, { disposeExternalPool: true });
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const onError = (adapter as unknown as { onError: (error: unknown) => never }).onError.bind(
      adapter,
    );
    adapter.executeScript = async (script: string) => {
      try {
        await this.pool.query(script);
      } catch (error) {
        onError(error);
      }
    };
    return adapter;
  }
}

/**
 * The driver adapter the Prisma CLI (migrate deploy/status/diff) runs on.
 * Prisma 6.19's WebAssembly schema engine introspects catalogs through the
 * adapter, which rejects `name` columns ("Column type 'name' could not be
 * deserialized"); this pool relabels them as text. Only the CLI uses it: the
 * application's own queries never read catalog types through Prisma.
 */
export function createCliAdapter(connectionString: string): PrismaPg {
  // allowExitOnIdle: the CLI exits once its work is done, not after the idle time-out.
  const pool = new pg.Pool({ connectionString, max: 2, allowExitOnIdle: true });
  pool.on("connect", patchClient);
  return new WholeScriptPrismaPg(pool);
}
