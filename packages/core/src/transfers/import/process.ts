import { type ScopedDb } from "@fastnext/db";

import { type ImportTable } from "./cells";
import { checkMapping } from "./mapping";
import { type ImportPlan } from "./plan";
import { createRowChecker, type ImportCandidate } from "./rows";
import { type ImportReport, type ImportRowProblem } from "./view";

/** Rows listed with their problems in a report; the counts go on past it. */
export const REPORTED_PROBLEMS = 1_000;

/** Valid rows handled together: one key lookup, and for an apply one transaction. */
export const IMPORT_CHUNK_ROWS = 500;

/** What a chunk of valid rows came to. */
export interface ChunkOutcome {
  created: number;
  unchanged: number;
}

/** The keys of `candidates` an earlier import already turned into items. */
export async function existingKeys(
  db: ScopedDb,
  plan: ImportPlan,
  candidates: readonly ImportCandidate[],
): Promise<Set<string>> {
  const rows = await db.workflowImportKey.findMany({
    where: {
      projectId: plan.projectId,
      templateKey: plan.template.key,
      key: { in: candidates.map((c) => c.key) },
    },
    select: { key: true },
  });
  return new Set(rows.map((row) => row.key));
}

/**
 * Reads every row of the file, checks it, and hands the valid ones on in
 * chunks (`onChunk`: count them for a dry run, create them for an apply).
 * Returns the report; a file-level problem (a row that cannot be read)
 * stops it with its typed error.
 */
export async function processImport(
  table: ImportTable,
  plan: ImportPlan,
  onChunk: (candidates: ImportCandidate[]) => Promise<ChunkOutcome>,
  onProgress?: (rows: number) => Promise<void>,
): Promise<ImportReport> {
  checkMapping(table, plan.definition, plan.mapping);
  const check = createRowChecker(plan);
  const problems: ImportRowProblem[] = [];
  const report = { rows: 0, created: 0, unchanged: 0, invalid: 0 };
  let chunk: ImportCandidate[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const outcome = await onChunk(chunk);
    report.created += outcome.created;
    report.unchanged += outcome.unchanged;
    chunk = [];
    await onProgress?.(report.rows);
  };
  for await (const row of table.rows) {
    report.rows += 1;
    const result = check(row);
    if (result.ok) {
      chunk.push(result.candidate);
      if (chunk.length >= IMPORT_CHUNK_ROWS) await flush();
    } else {
      report.invalid += 1;
      if (problems.length < REPORTED_PROBLEMS)
        problems.push({ row: result.number, errors: result.errors });
    }
  }
  await flush();
  await onProgress?.(report.rows);
  return { ...report, problems, problemsTruncated: report.invalid > problems.length };
}
