"use client";

import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type SubmitEvent } from "react";

import { suggestImportMapping, type ImportMapping } from "@fastnext/validators";

import { Alert, Button } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { describeApiError } from "~/trpc/errors";

import { SelectField } from "../../ui/field";
import { ErrorState, LoadingState } from "../../ui/states";
import { usableTemplates } from "../board-input";
import { useChosenTemplate } from "../use-chosen-template";
import { MappingForm } from "./mapping-form";
import { ImportProgress } from "./progress";
import { ImportReportView, type ImportReport } from "./report";
import { uploadImportFile, type ImportUpload } from "./upload";

/** A remembered mapping, kept to the columns this file has. */
function fitted(mapping: ImportMapping, columns: readonly string[]): ImportMapping {
  const has = (column: string | null) =>
    column !== null && columns.includes(column) ? column : null;
  return {
    title: has(mapping.title) ?? "",
    fields: Object.fromEntries(
      Object.entries(mapping.fields).filter(([, c]) => columns.includes(c)),
    ),
    state: has(mapping.state),
    assignee: has(mapping.assignee),
    externalKey: has(mapping.externalKey),
  };
}

/**
 * Importing a spreadsheet into the project's items, in four steps on one
 * page: choose the workflow and upload the file, map its columns (the
 * project's last mapping for the workflow, else one guessed from the
 * names), check it (the dry run: every row's problems, nothing written),
 * then import it and follow its progress.
 */
export function ImportWizard({
  projectId,
  templateKey,
}: {
  projectId: string;
  templateKey: string | undefined;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const { templates, selected, template } = useChosenTemplate(projectId, templateKey);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [transferId, setTransferId] = useState<string | null>(null);
  const remembered = useQuery({
    ...trpc.transfers.imports.mapping.queryOptions({ projectId, templateKey: selected?.key ?? "" }),
    enabled: selected !== undefined,
  });
  const dryRun = useMutation(
    trpc.transfers.imports.dryRun.mutationOptions({ onSuccess: (result) => setReport(result) }),
  );
  const apply = useMutation(
    trpc.transfers.imports.create.mutationOptions({ onSuccess: (view) => setTransferId(view.id) }),
  );

  if (templates.isPending) return <LoadingState label="Loading the workflows" rows={2} />;
  if (templates.isError)
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  const boardHref = `/projects/${projectId}${selected ? `?template=${encodeURIComponent(selected.key)}` : ""}`;
  if (!selected || !template.data) {
    return template.isError ? (
      <ErrorState error={template.error} onRetry={() => void template.refetch()} />
    ) : selected ? (
      <LoadingState label="Loading the workflow" rows={2} />
    ) : (
      <Alert tone="info" title="No workflow to import into">
        This project uses no published workflow yet.
      </Alert>
    );
  }
  const fields = template.data.definition.dataFields;
  const labels = new Map(fields.map((field) => [field.key, field.label]));

  async function chooseFile(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setUploadProblem("Choose a file to import.");
      return;
    }
    setUploading(true);
    setUploadProblem(null);
    const outcome = await uploadImportFile(projectId, file);
    setUploading(false);
    if (!outcome.ok) {
      setUploadProblem(outcome.problem);
      return;
    }
    const { columns } = outcome.upload;
    const start = remembered.data?.mapping;
    setUpload(outcome.upload);
    setMapping(start ? fitted(start, columns) : suggestImportMapping(columns, fields));
    setReport(null);
    dryRun.reset();
  }

  const run =
    upload && mapping
      ? {
          projectId,
          uploadId: upload.uploadId,
          fileName: upload.fileName,
          templateKey: selected.key,
          mapping,
        }
      : null;
  const mappingErrors = dryRun.error ? describeApiError(dryRun.error).fieldErrors : {};
  const failure = dryRun.error ?? apply.error;

  if (transferId) return <ImportProgress transferId={transferId} boardHref={boardHref} />;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="import-file-title">
        <div className="card-header">
          <h2 id="import-file-title">1. The file</h2>
        </div>
        <form className="card-body stack-sm" onSubmit={(event) => void chooseFile(event)}>
          <SelectField
            label="Workflow"
            value={selected.key}
            onChange={(event) =>
              router.push(
                `/projects/${projectId}/import?template=${encodeURIComponent(event.target.value)}`,
              )
            }
          >
            {usableTemplates(templates.data.items).map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.name}
              </option>
            ))}
          </SelectField>
          <label className="small" htmlFor="import-file">
            A CSV (UTF-8), Excel (.xlsx), JSON or NDJSON file; its first row names the columns
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            className="input"
            accept=".csv,.xlsx,.json,.ndjson,.jsonl"
            aria-describedby={uploadProblem ? "import-file-problem" : undefined}
          />
          {uploadProblem ? (
            <p id="import-file-problem" className="field-error" role="alert">
              {uploadProblem}
            </p>
          ) : null}
          <div>
            <Button type="submit" variant="primary" loading={uploading}>
              Upload
            </Button>
          </div>
        </form>
      </section>

      {upload && mapping && run ? (
        <section className="card" aria-labelledby="import-mapping-title">
          <div className="card-header">
            <h2 id="import-mapping-title">2. Columns</h2>
          </div>
          <div className="card-body stack-sm">
            <p className="small muted">
              {upload.fileName}: {upload.columns.length} columns. Choose which column fills each
              part of an item.
            </p>
            <MappingForm
              columns={upload.columns}
              fields={fields}
              mapping={mapping}
              errors={mappingErrors}
              onChange={(next) => {
                setMapping(next);
                setReport(null);
              }}
            />
            <div>
              <Button
                variant="primary"
                loading={dryRun.isPending}
                onClick={() => dryRun.mutate(run)}
              >
                Check the file
              </Button>
            </div>
          </div>
        </section>
      ) : null}

      {failure ? <Alert tone="error">{describeApiError(failure).message}</Alert> : null}

      {report && run ? (
        <section className="card" aria-labelledby="import-report-title">
          <div className="card-header">
            <h2 id="import-report-title">3. Check</h2>
          </div>
          <div className="card-body stack-sm">
            <ImportReportView report={report} applied={false} labels={labels} />
            <div className="board-toolbar">
              <Button
                variant="primary"
                loading={apply.isPending}
                disabled={report.created === 0}
                onClick={() => apply.mutate(run)}
              >
                {report.created === 0 ? "Nothing new to import" : `Import ${report.created} items`}
              </Button>
              <Button asChild variant="ghost">
                <Link href={boardHref}>Cancel</Link>
              </Button>
            </div>
          </div>
        </section>
      ) : null}
    </div>
  );
}
