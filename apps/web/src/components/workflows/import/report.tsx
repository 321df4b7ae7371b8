"use client";

import { z } from "zod";

/** What a dry run answers, and what an import's transfer keeps as its result. */
const ZReportSchema = z.object({
  rows: z.number(),
  created: z.number(),
  unchanged: z.number(),
  invalid: z.number(),
  problems: z.array(
    z.object({ row: z.number(), errors: z.record(z.string(), z.array(z.string())) }),
  ),
  problemsTruncated: z.boolean(),
});

export type ImportReport = z.infer<typeof ZReportSchema>;

export function reportOf(value: unknown): ImportReport | null {
  const parsed = ZReportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** `data.amount` → the field's label; the other paths by name. */
function placeLabel(path: string, labels: ReadonlyMap<string, string>): string {
  if (path.startsWith("data.")) return labels.get(path.slice(5)) ?? path.slice(5);
  const names: Record<string, string> = {
    title: "Title",
    state: "State",
    assignee: "Assignee",
    externalKey: "External key",
    row: "Row",
  };
  return names[path] ?? path;
}

/** The counts, then each refused row with its problems by field. */
export function ImportReportView({
  report,
  applied,
  labels = new Map(),
}: {
  report: ImportReport;
  applied: boolean;
  labels?: ReadonlyMap<string, string>;
}) {
  return (
    <div className="stack-sm">
      <dl className="import-counts">
        <div>
          <dt>Rows</dt>
          <dd>{report.rows}</dd>
        </div>
        <div>
          <dt>{applied ? "Created" : "To create"}</dt>
          <dd>{report.created}</dd>
        </div>
        <div>
          <dt>Already imported</dt>
          <dd>{report.unchanged}</dd>
        </div>
        <div>
          <dt>With problems</dt>
          <dd>{report.invalid}</dd>
        </div>
      </dl>
      {report.problems.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="small muted">
              {applied ? "Rows not imported" : "Rows that will not be imported"}
              {report.problemsTruncated ? ` (the first ${report.problems.length})` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.flatMap((problem) =>
                Object.entries(problem.errors).map(([path, messages]) => (
                  <tr key={`${problem.row}-${path}`}>
                    <td>{problem.row}</td>
                    <td>{placeLabel(path, labels)}</td>
                    <td>{messages.join(" ")}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
