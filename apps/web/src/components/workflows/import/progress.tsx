"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";

import { Alert, Button } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { ImportReportView, reportOf } from "./report";

type Transfer = RouterOutputs["transfers"]["get"];

const DONE = new Set(["succeeded", "failed", "cancelled"]);

/**
 * The import as the worker runs it: rows done so far, pushed live by
 * `transfers.onProgress`; `transfers.get` fills in until the first event
 * and stands in if the stream cannot be opened. Then its report.
 */
export function ImportProgress({
  transferId,
  boardHref,
}: {
  transferId: string;
  boardHref: string;
}) {
  const trpc = useTRPC();
  const [live, setLive] = useState<Transfer | null>(null);
  const [streamFailed, setStreamFailed] = useState(false);
  const finished = live !== null && DONE.has(live.status);
  useSubscription(
    trpc.transfers.onProgress.subscriptionOptions(
      { id: transferId },
      {
        enabled: !finished,
        onData: (view) => setLive(view),
        onError: () => setStreamFailed(true),
      },
    ),
  );
  const polled = useQuery({
    ...trpc.transfers.get.queryOptions({ id: transferId }),
    refetchInterval: (query) =>
      streamFailed && !DONE.has(query.state.data?.status ?? "") ? 1_000 : false,
  });
  const transfer = live ?? polled.data;
  if (!transfer) return <p className="small muted">Starting the import…</p>;
  const report = reportOf(transfer.result);
  return (
    <section className="stack-sm" aria-label="Import progress">
      <p role="status" aria-live="polite">
        {transfer.status === "queued" && "Waiting for the worker…"}
        {transfer.status === "running" && `Importing… ${transfer.processedRows} rows read`}
        {transfer.status === "succeeded" && `Done: ${transfer.processedRows} rows read.`}
        {transfer.status === "cancelled" && "The import was cancelled."}
      </p>
      {transfer.status === "running" || transfer.status === "queued" ? (
        <progress aria-label="Rows imported" className="import-progress" />
      ) : null}
      {transfer.status === "failed" ? (
        <Alert tone="error" title="The import stopped">
          {transfer.error?.message ?? "It could not be completed."} Rows imported before it stopped
          are kept; importing the file again carries on where it stopped.
        </Alert>
      ) : null}
      {report ? <ImportReportView report={report} applied /> : null}
      {DONE.has(transfer.status) ? (
        <Button asChild variant="primary">
          <Link href={boardHref}>Back to the board</Link>
        </Button>
      ) : null}
    </section>
  );
}
