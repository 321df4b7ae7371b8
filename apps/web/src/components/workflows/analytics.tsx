"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactElement, type ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { type RouterOutputs } from "@fastnext/api";

import { useTRPC } from "~/trpc/client";

import { memberListInput } from "../projects/project-list-input";
import { SelectField } from "../ui/field";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { usableTemplates } from "./board-input";
import { stateInfo } from "./state-label";
import { useChosenTemplate } from "./use-chosen-template";

type Summary = RouterOutputs["workflows"]["analytics"]["summary"];

/** Colours come from the theme tokens, so the charts follow light and dark mode. */
const AXIS = { fill: "var(--text-muted)", fontSize: 12 };
const TOOLTIP = {
  contentStyle: {
    background: "var(--surface)",
    border: "1px solid var(--border)",
    borderRadius: "var(--radius-sm)",
    color: "var(--text)",
  },
  cursor: { fill: "var(--surface-hover)" },
};

/** The unit that keeps the longest p90 readable: hours, minutes or seconds. */
function durationUnit(longestSeconds: number): { name: string; short: string; seconds: number } {
  if (longestSeconds >= 2 * 3600) return { name: "hours", short: "h", seconds: 3600 };
  if (longestSeconds >= 2 * 60) return { name: "minutes", short: "min", seconds: 60 };
  return { name: "seconds", short: "s", seconds: 1 };
}

/** Totals of the open load by one key (state or assignee), largest first. */
function totals(rows: Summary["openLoad"], keyOf: (row: Summary["openLoad"][number]) => string) {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? 0) + row.count);
  return [...sums].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
}

/** The project's figures for one template: time in state, completions per day, open load. */
export function Analytics({
  projectId,
  templateKey,
}: {
  projectId: string;
  templateKey: string | undefined;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const { templates, selected, template } = useChosenTemplate(projectId, templateKey);
  const summary = useQuery({
    ...trpc.workflows.analytics.summary.queryOptions({
      templateKey: selected?.key ?? "",
      projectId,
    }),
    enabled: selected !== undefined,
  });
  const members = useQuery(trpc.projects.members.list.queryOptions(memberListInput(projectId)));
  const names = new Map((members.data?.items ?? []).map((member) => [member.userId, member.name]));

  if (templates.isPending) return <LoadingState label="Loading the analytics" rows={4} />;
  if (templates.isError)
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  if (!selected)
    return (
      <section className="card">
        <EmptyState title="No published workflow yet">
          Figures appear once the project has items of a published workflow template.
        </EmptyState>
      </section>
    );

  const definition = template.data?.definition;
  const stateName = (key: string) => stateInfo(definition, key).name;

  return (
    <section className="stack-sm" aria-label="Analytics">
      <div className="board-toolbar">
        <SelectField
          label="Workflow"
          value={selected.key}
          onChange={(event) =>
            router.push(
              `/projects/${projectId}/analytics?template=${encodeURIComponent(event.target.value)}`,
            )
          }
        >
          {usableTemplates(templates.data.items).map((candidate) => (
            <option key={candidate.key} value={candidate.key}>
              {candidate.name}
            </option>
          ))}
        </SelectField>
      </div>
      {summary.isPending ? (
        <LoadingState label="Loading the figures" rows={4} />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Figures
          summary={summary.data}
          stateName={stateName}
          assigneeName={(id) => (id === null ? "Unassigned" : (names.get(id) ?? "Former member"))}
        />
      )}
    </section>
  );
}

function Figures({
  summary,
  stateName,
  assigneeName,
}: {
  summary: Summary;
  stateName: (key: string) => string;
  assigneeName: (id: string | null) => string;
}) {
  const unit = durationUnit(Math.max(0, ...summary.timeInState.map((row) => row.p90Seconds)));
  const inUnit = (seconds: number) => Math.round((seconds / unit.seconds) * 10) / 10;
  const timeInState = summary.timeInState.map((row) => ({
    name: stateName(row.state),
    visits: row.visits,
    median: inUnit(row.medianSeconds),
    p90: inUnit(row.p90Seconds),
  }));
  const perDay = summary.completedPerDay.map((row) => ({
    label: row.day.slice(5),
    count: row.count,
  }));
  const completed = summary.completedPerDay.reduce((sum, row) => sum + row.count, 0);
  const byState = totals(summary.openLoad, (row) => stateName(row.state));
  const byAssignee = totals(summary.openLoad, (row) => assigneeName(row.assigneeId));
  const open = byState.reduce((sum, row) => sum + row.count, 0);

  return (
    <div className="analytics-grid">
      <ChartCard
        id="time-in-state"
        title="Time in each state"
        summary={
          timeInState.length === 0
            ? "Time in each state: no item has left a state yet."
            : `Time in each state, in ${unit.name}: ${timeInState
                .map((row) => `${row.name} median ${row.median}, p90 ${row.p90}`)
                .join("; ")}.`
        }
        empty={timeInState.length === 0}
        chart={
          <BarChart data={timeInState} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="name" tick={AXIS} stroke="var(--border-strong)" />
            <YAxis tick={AXIS} stroke="var(--border-strong)" width={48} unit={unit.short} />
            <Tooltip {...TOOLTIP} />
            <Legend wrapperStyle={{ color: "var(--text-muted)", fontSize: 12 }} />
            <Bar dataKey="median" name={`Median (${unit.short})`} fill="var(--accent)" />
            <Bar dataKey="p90" name={`p90 (${unit.short})`} fill="var(--warning)" />
          </BarChart>
        }
        table={
          <FigureTable
            head={["State", "Visits", `Median (${unit.short})`, `p90 (${unit.short})`]}
            rows={timeInState.map((row) => [row.name, row.visits, row.median, row.p90])}
          />
        }
      />
      <ChartCard
        id="completions"
        title="Completions per day"
        summary={`Completions per day over the last 30 days: ${completed} in all, ${
          summary.completedPerDay.at(-1)?.count ?? 0
        } today.`}
        empty={false}
        chart={
          <BarChart data={perDay} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} stroke="var(--border-strong)" minTickGap={16} />
            <YAxis tick={AXIS} stroke="var(--border-strong)" width={32} allowDecimals={false} />
            <Tooltip {...TOOLTIP} />
            <Bar dataKey="count" name="Completed" fill="var(--success)" />
          </BarChart>
        }
        table={
          <FigureTable
            head={["Day", "Completed"]}
            rows={summary.completedPerDay
              .filter((row) => row.count > 0)
              .map((row) => [row.day, row.count])}
          />
        }
      />
      <LoadCard
        id="load-state"
        title="Open items per state"
        rows={byState}
        open={open}
        label="State"
      />
      <LoadCard
        id="load-assignee"
        title="Open items per assignee"
        rows={byAssignee}
        open={open}
        label="Assignee"
      />
    </div>
  );
}

function LoadCard({
  id,
  title,
  rows,
  open,
  label,
}: {
  id: string;
  title: string;
  rows: { name: string; count: number }[];
  open: number;
  label: string;
}) {
  return (
    <ChartCard
      id={id}
      title={title}
      summary={
        open === 0
          ? `${title}: none open.`
          : `${title}: ${rows.map((row) => `${row.name} ${row.count}`).join(", ")}.`
      }
      empty={open === 0}
      chart={
        <BarChart data={rows} accessibilityLayer={false} layout="vertical">
          <CartesianGrid stroke="var(--border)" horizontal={false} />
          <XAxis type="number" tick={AXIS} stroke="var(--border-strong)" allowDecimals={false} />
          <YAxis
            type="category"
            dataKey="name"
            tick={AXIS}
            stroke="var(--border-strong)"
            width={96}
          />
          <Tooltip {...TOOLTIP} />
          <Bar dataKey="count" name="Open" fill="var(--accent)" />
        </BarChart>
      }
      table={<FigureTable head={[label, "Open"]} rows={rows.map((row) => [row.name, row.count])} />}
    />
  );
}

/** A chart, its one-sentence summary as the accessible name, and the figures as a table. */
function ChartCard({
  id,
  title,
  summary,
  empty,
  chart,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  empty: boolean;
  chart: ReactElement;
  table: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
      </div>
      <div className="card-body stack-sm">
        {empty ? (
          <p className="muted">{summary}</p>
        ) : (
          <figure className="chart" role="img" aria-label={summary}>
            <ResponsiveContainer width="100%" height={220}>
              {chart}
            </ResponsiveContainer>
          </figure>
        )}
        {table}
      </div>
    </section>
  );
}

function FigureTable({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
