"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { Button } from "@fastnext/ui";
import { ACTIVITY_ACTIONS, activityActionLabel, describeActivity } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { useCan, useViewer } from "../shell/viewer";
import { SelectField, TextField } from "../ui/field";
import { PageHeader } from "../ui/page-header";
import { Pager, useCursorPager } from "../ui/pager";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useDebounced } from "../ui/use-debounced";
import {
  ACTOR_OPTIONS_INPUT,
  activityListInput,
  DEFAULT_ACTIVITY_FILTERS,
  type ActivityFilters,
} from "./activity-input";

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The filter's choices: every action by its sentence, in reading order. */
const ACTION_OPTIONS = ACTIVITY_ACTIONS.map((action) => ({
  action,
  label: activityActionLabel(action),
})).sort((a, b) => a.label.localeCompare(b.label));

export function ActivityLog() {
  const trpc = useTRPC();
  const can = useCan();
  const viewer = useViewer();
  const [filters, setFilters] = useState<ActivityFilters>(DEFAULT_ACTIVITY_FILTERS);
  const pager = useCursorPager();
  const action = useDebounced(filters.action);
  const entityType = useDebounced(filters.entityType);
  const input = activityListInput({ ...filters, action, entityType }, pager.cursor);
  const activities = useQuery({
    ...trpc.admin.activities.list.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const actors = useQuery({
    ...trpc.admin.users.list.queryOptions(ACTOR_OPTIONS_INPUT),
    enabled: can("user.read"),
  });
  const names = new Map((actors.data?.items ?? []).map((user) => [user.id, user.name]));
  const actorName = (id: string | null) =>
    id === null
      ? "System"
      : id === viewer.user.id
        ? "You"
        : (names.get(id) ?? `User ${id.slice(0, 8)}`);
  const filtered = Object.values(filters).some((value) => value !== "");

  const change = (patch: Partial<ActivityFilters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    pager.reset();
  };

  return (
    <>
      <PageHeader
        title="Activity"
        description="Who changed what, when and from where. Newest first."
      />
      <section className="card" aria-label="Activity trail">
        <div className="toolbar" role="search">
          {actors.data ? (
            <SelectField
              label="Who"
              value={filters.actorId}
              onChange={(event) => change({ actorId: event.target.value })}
            >
              <option value="">Anyone</option>
              {actors.data.items.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            label="Action"
            value={filters.action}
            onChange={(event) => change({ action: event.target.value })}
          >
            <option value="">Any action</option>
            {ACTION_OPTIONS.map((option) => (
              <option key={option.action} value={option.action}>
                {option.label}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Entity"
            placeholder="e.g. project"
            value={filters.entityType}
            onChange={(event) => change({ entityType: event.target.value })}
          />
          <TextField
            label="From"
            type="date"
            value={filters.from}
            onChange={(event) => change({ from: event.target.value })}
          />
          <TextField
            label="To"
            type="date"
            value={filters.to}
            onChange={(event) => change({ to: event.target.value })}
          />
          {filtered ? (
            <Button variant="ghost" onClick={() => change(DEFAULT_ACTIVITY_FILTERS)}>
              Clear filters
            </Button>
          ) : null}
        </div>
        {activities.isPending ? (
          <LoadingState label="Loading activity" rows={6} />
        ) : activities.isError ? (
          <ErrorState error={activities.error} onRetry={() => void activities.refetch()} />
        ) : activities.data.items.length === 0 ? (
          <EmptyState title={filtered ? "Nothing matches these filters" : "No activity yet"} />
        ) : (
          <div className="table-wrap">
            <table className="table" aria-busy={activities.isFetching}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col" className="hide-phone">
                    Changes
                  </th>
                </tr>
              </thead>
              <tbody>
                {activities.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td style={{ whiteSpace: "nowrap" }}>
                      <Time date={entry.createdAt} />
                    </td>
                    <td>
                      <div className="list-main">
                        <span>{actorName(entry.actorId)}</span>
                        {entry.ip ? <span className="list-meta">{entry.ip}</span> : null}
                      </div>
                    </td>
                    <td>
                      <div className="list-main">
                        <span>{describeActivity(entry)}</span>
                        <span className="list-meta">
                          <code title="Action key">{entry.action}</code> · {entry.entityType}
                          {entry.entityId ? ` · ${entry.entityId.slice(0, 8)}` : ""}
                        </span>
                      </div>
                    </td>
                    <td className="hide-phone">
                      {entry.changes ? (
                        <details>
                          <summary className="small">
                            {Object.keys({ ...entry.changes.before, ...entry.changes.after }).join(
                              ", ",
                            ) || "details"}
                          </summary>
                          <dl className="dl xsmall" style={{ marginTop: "var(--space-2)" }}>
                            {Object.keys({ ...entry.changes.before, ...entry.changes.after }).map(
                              (field) => (
                                <div key={field} style={{ display: "contents" }}>
                                  <dt>{field}</dt>
                                  <dd>
                                    {formatValue(entry.changes?.before[field])} →{" "}
                                    {formatValue(entry.changes?.after[field])}
                                  </dd>
                                </div>
                              ),
                            )}
                          </dl>
                        </details>
                      ) : (
                        <span className="muted small">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          pager={pager}
          nextCursor={activities.data?.nextCursor}
          busy={activities.isFetching}
        />
      </section>
    </>
  );
}
