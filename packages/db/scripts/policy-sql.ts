/**
 * Prints the migration SQL of a declared table's access:
 * `pnpm db:policy:sql <table>` (declarations: src/policies/tables/).
 */
import { declarationPath, renderAccessSql, tableAccess } from "../src/policies";

const [table, ...rest] = process.argv.slice(2);
const declared = tableAccess.find((access) => access.table === table);

if (table === undefined || rest.length > 0) {
  console.error("usage: pnpm db:policy:sql <table>");
  process.exit(1);
} else if (!declared) {
  console.error(
    `no access is declared for table "${table}": declare it in ${declarationPath(table)} and import it in packages/db/src/policies/tables/index.ts.\nDeclared tables: ${tableAccess.map((access) => access.table).join(", ")}`,
  );
  process.exit(1);
} else {
  process.stdout.write(renderAccessSql(declared));
}
