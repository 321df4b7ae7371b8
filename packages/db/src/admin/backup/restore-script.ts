import { Transform, type TransformCallback } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/**
 * `ALTER <kind> <schema>.<name> OWNER TO <role>;` as pg_restore writes it
 * (identifiers quoted only when they need it).
 */
const OWNER_CHANGE =
  /^ALTER [A-Z ]+ ("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\..* OWNER TO ("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*);$/;

/**
 * Lets a restoring role that is not superuser hand objects to another role.
 * PostgreSQL allows `ALTER ... OWNER TO r` only when r may create in the
 * object's schema; the migrations grant that for the moment of the change
 * and take it back, and a superuser restore skips the check, but pg_restore
 * writes the bare statement. So each such statement of the script gets the
 * same grant and revoke around it. The grants the dump holds are applied at
 * the script's end, so the revoke removes nothing the source had.
 */
export function withOwnershipGrants(line: string, restoringRole: string): string {
  const match = OWNER_CHANGE.exec(line);
  if (!match) return line;
  const [, schema, role] = match;
  if (!schema || !role || unquote(role) === restoringRole) return line;
  return [
    `GRANT CREATE ON SCHEMA ${schema} TO ${role};`,
    line,
    `REVOKE CREATE ON SCHEMA ${schema} FROM ${role};`,
  ].join("\n");
}

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replaceAll('""', '"') : identifier;
}

/**
 * The script pg_restore writes, line by line, with ownership changes
 * rewritten by withOwnershipGrants. The rows of COPY blocks pass untouched:
 * data is never taken for a statement.
 */
/** @param prelude SQL sent before the script (EMPTY_DATABASE_SQL). */
export function ownershipGrantStream(restoringRole: string, prelude = ""): Transform {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let inCopy = false;
  const rewrite = (line: string): string => {
    if (inCopy) {
      if (line === "\\.") inCopy = false;
      return line;
    }
    if (/^COPY .* FROM stdin;$/.test(line)) {
      inCopy = true;
      return line;
    }
    return withOwnershipGrants(line, restoringRole);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const lines = (pending + decoder.write(chunk)).split("\n");
      pending = lines.pop() ?? "";
      callback(null, lines.map((line) => `${rewrite(line)}\n`).join(""));
    },
    flush(callback: TransformCallback) {
      const rest = pending + decoder.end();
      callback(null, rest === "" ? "" : rewrite(rest));
    },
  });
  if (prelude) stream.push(prelude);
  return stream;
}

/**
 * What `--replace` runs before the archive's script, in the same
 * transaction: every schema of the target dropped with what it holds, and
 * `public` made again as PostgreSQL 15 creates it, so the archive lands as
 * in a new database. (pg_restore's own --clean drops only the archive's
 * objects one by one, and stops at the job queue's partitioned tables.)
 */
export const EMPTY_DATABASE_SQL = `
SET client_min_messages = warning;
DO $empty$
DECLARE
  schema_name text;
BEGIN
  FOR schema_name IN
    SELECT nspname FROM pg_namespace
     WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', schema_name);
  END LOOP;
  CREATE SCHEMA public AUTHORIZATION pg_database_owner;
  GRANT USAGE ON SCHEMA public TO PUBLIC;
END
$empty$;
`;
