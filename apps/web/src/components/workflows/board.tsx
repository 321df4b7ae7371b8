"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Badge, Button, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { mayAct } from "../projects/labels";
import { memberListInput } from "../projects/project-list-input";
import { initials, useViewer } from "../shell/viewer";
import { SelectField, TextField } from "../ui/field";
import { Pager, useCursorPager } from "../ui/pager";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useDebounced } from "../ui/use-debounced";
import {
  boardInstancesInput,
  hasBoardFilters,
  NO_BOARD_FILTERS,
  usableTemplates,
  type BoardFilters,
} from "./board-input";
import { KEYBOARD_MOVE_HELP, useKeyboardMoves } from "./board-keyboard";
import { useCardMoves } from "./board-moves";
import { useChosenTemplate } from "./use-chosen-template";
import { CreateInstanceDialog } from "./create-instance-dialog";

type Instance = RouterOutputs["workflows"]["instances"]["list"]["items"][number];

/** The project's items of one template: a column per state, a card per item. */
export function Board({
  projectId,
  templateKey,
}: {
  projectId: string;
  templateKey: string | undefined;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const viewer = useViewer();
  const pager = useCursorPager();
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<BoardFilters>(NO_BOARD_FILTERS);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const search = useDebounced(filters.search);
  const filter = (patch: Partial<BoardFilters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    pager.reset();
  };

  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  // What this project may use: installation templates its owners left on, and its own.
  const { templates, selected, template } = useChosenTemplate(projectId, templateKey);
  const instances = useQuery({
    ...trpc.workflows.instances.list.queryOptions(
      boardInstancesInput(projectId, selected?.key ?? "", pager.cursor, { ...filters, search }),
    ),
    enabled: selected !== undefined,
  });
  const members = useQuery(trpc.projects.members.list.queryOptions(memberListInput(projectId)));
  const names = new Map((members.data?.items ?? []).map((member) => [member.userId, member.name]));
  const stateNames = new Map(
    (template.data?.definition.states ?? []).map((state) => [state.key, state.name]),
  );
  const moves = useCardMoves((key) => stateNames.get(key) ?? key);
  const definition = template.data?.definition;
  const allColumns = definition ? columnsOf(definition.states, instances.data?.items ?? []) : [];
  // A chosen state narrows the board to its column; the others would only say "Nothing here".
  const columns = filters.state
    ? allColumns.filter((column) => column.key === filters.state)
    : allColumns;
  const keyboard = useKeyboardMoves({
    columns: columns.map((column) => column.key),
    columnName: (key) => stateNames.get(key) ?? key,
    drop: moves.drop,
    itemsVersion: instances.data,
  });

  if (templates.isPending) return <LoadingState label="Loading the board" rows={4} />;
  if (templates.isError)
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  if (!selected) {
    const owner = project.data ? mayAct(project.data.myRole, "owner", viewer.permissions) : false;
    return (
      <section className="card">
        <EmptyState title="No published workflow yet">
          Items follow a workflow template. Once one is published, its board appears here.
          {owner ? (
            <>
              {" "}
              <Link href={`/projects/${projectId}/settings#templates`}>
                Define or choose a template
              </Link>
              .
            </>
          ) : viewer.permissions.includes("workflow.manage") ? (
            <>
              {" "}
              <Link href="/workflows">Create a template</Link>.
            </>
          ) : null}
        </EmptyState>
      </section>
    );
  }

  const canCreate = project.data
    ? mayAct(project.data.myRole, "editor", viewer.permissions)
    : false;
  const archived = Boolean(project.data?.archivedAt);
  // Dragging, or Space and the arrows on a card, is a transition by the board; the item page has its buttons.
  const canMove = canCreate;
  const endDrag = () => {
    setDragged(null);
    setDropTarget(null);
  };
  const filtered = hasBoardFilters({ ...filters, search });

  return (
    <section className="stack-sm" aria-label="Board">
      <div className="board-toolbar">
        <SelectField
          label="Workflow"
          value={selected.key}
          onChange={(event) =>
            router.push(`/projects/${projectId}?template=${encodeURIComponent(event.target.value)}`)
          }
        >
          {usableTemplates(templates.data.items).map((candidate) => (
            <option key={candidate.key} value={candidate.key}>
              {candidate.name}
            </option>
          ))}
        </SelectField>
        {canCreate && !archived && template.data ? (
          <div className="board-actions">
            <Button asChild variant="secondary">
              <Link
                href={`/projects/${projectId}/import?template=${encodeURIComponent(selected.key)}`}
              >
                Import
              </Link>
            </Button>
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Icon name="plus" /> New item
            </Button>
          </div>
        ) : null}
      </div>
      <div className="board-filters" role="search" aria-label="Filter items">
        <TextField
          label="Search items"
          type="search"
          placeholder="Title contains…"
          value={filters.search}
          onChange={(event) => filter({ search: event.target.value })}
        />
        <SelectField
          label="Assignee"
          value={filters.assigneeId}
          onChange={(event) => filter({ assigneeId: event.target.value })}
        >
          <option value="">Anyone</option>
          {(members.data?.items ?? []).map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.userId === viewer.user.id ? `${member.name} (you)` : member.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="State"
          value={filters.state}
          onChange={(event) => filter({ state: event.target.value })}
        >
          <option value="">All states</option>
          {(definition?.states ?? []).map((state) => (
            <option key={state.key} value={state.key}>
              {state.name}
            </option>
          ))}
        </SelectField>
        {hasBoardFilters(filters) ? (
          <Button variant="ghost" onClick={() => filter(NO_BOARD_FILTERS)}>
            Clear filters
          </Button>
        ) : null}
      </div>
      {archived ? (
        <Alert tone="warning">This project is archived: nothing new can be started in it.</Alert>
      ) : null}
      {template.isError ? (
        <ErrorState error={template.error} onRetry={() => void template.refetch()} />
      ) : instances.isError ? (
        <ErrorState error={instances.error} onRetry={() => void instances.refetch()} />
      ) : !definition || instances.isPending ? (
        <LoadingState label="Loading items" rows={4} />
      ) : (
        <>
          {filtered ? (
            <p className="small muted" role="status">
              {instances.data.items.length === 0
                ? "No item matches these filters."
                : `${instances.data.items.length}${instances.data.nextCursor ? "+" : ""} matching ${
                    instances.data.items.length === 1 ? "item" : "items"
                  }`}
            </p>
          ) : null}
          <div className="board" aria-busy={instances.isFetching || moves.busy}>
            {columns.map((column) => (
              <section
                key={column.key}
                className="board-column"
                aria-labelledby={`column-${column.key}`}
                data-drop-target={
                  (dropTarget === column.key && dragged !== null) ||
                  (keyboard.picked?.target === column.key && keyboard.picked.from !== column.key) ||
                  undefined
                }
                onDragOver={(event) => {
                  if (dragged === null) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = "move";
                  setDropTarget(column.key);
                }}
                onDragLeave={(event) => {
                  if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
                    setDropTarget((current) => (current === column.key ? null : current));
                  }
                }}
                onDrop={(event) => {
                  if (dragged === null) return;
                  event.preventDefault();
                  const card = dragged;
                  endDrag();
                  moves.drop(card, column.key);
                }}
              >
                <header className="board-column-header">
                  <span
                    className="dot"
                    style={column.color ? { color: column.color } : undefined}
                    aria-hidden="true"
                  />
                  <h3 id={`column-${column.key}`}>{column.name}</h3>
                  <Badge>{column.items.length}</Badge>
                </header>
                {column.items.length === 0 ? (
                  <p className="board-empty">Nothing here</p>
                ) : (
                  <ul className="board-cards">
                    {column.items.map((item) => {
                      const assignee = item.assigneeId
                        ? (names.get(item.assigneeId) ?? "Someone")
                        : null;
                      return (
                        <li
                          key={item.id}
                          className="board-card"
                          draggable={canMove}
                          data-dragging={
                            dragged === item.id ||
                            keyboard.picked?.instanceId === item.id ||
                            undefined
                          }
                          onDragStart={(event) => {
                            event.dataTransfer.effectAllowed = "move";
                            event.dataTransfer.setData("text/plain", item.title);
                            setDragged(item.id);
                          }}
                          onDragEnd={endDrag}
                        >
                          <Link
                            href={`/projects/${projectId}/instances/${item.id}`}
                            className="board-card-title"
                            data-card-link={item.id}
                            aria-describedby={canMove ? "board-move-help" : undefined}
                            onKeyDown={
                              canMove
                                ? (event) =>
                                    keyboard.onCardKeyDown(event, {
                                      instanceId: item.id,
                                      title: item.title,
                                      column: column.key,
                                    })
                                : undefined
                            }
                            onBlur={canMove ? keyboard.onCardBlur : undefined}
                          >
                            {item.title}
                          </Link>
                          <div className="board-card-meta">
                            <span>
                              in state <Time date={item.stateEnteredAt} />
                            </span>
                            {assignee ? (
                              <span className="avatar avatar-sm" title={`Assigned to ${assignee}`}>
                                <span className="visually-hidden">Assigned to </span>
                                {initials(assignee)}
                                <span className="visually-hidden">{` (${assignee})`}</span>
                              </span>
                            ) : null}
                          </div>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
            ))}
          </div>
          {canMove ? (
            <p id="board-move-help" className="small muted">
              {KEYBOARD_MOVE_HELP}
            </p>
          ) : null}
          <p
            className="visually-hidden"
            aria-live="assertive"
            aria-atomic="true"
            data-testid="board-moves"
          >
            {keyboard.message}
          </p>
          <Pager pager={pager} nextCursor={instances.data.nextCursor} busy={instances.isFetching} />
        </>
      )}
      {moves.dialogs}
      {template.data && creating ? (
        <CreateInstanceDialog
          projectId={projectId}
          template={template.data}
          open={creating}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </section>
  );
}

interface Column {
  key: string;
  name: string;
  color: string | undefined;
  items: Instance[];
}

/**
 * One column per state of the newest version, in its order. Items still on
 * an older version may sit in a state it no longer has: those get a column
 * of their own at the end rather than disappearing.
 */
function columnsOf(
  states: readonly { key: string; name: string; color?: string | undefined }[],
  items: readonly Instance[],
): Column[] {
  const columns: Column[] = states.map((state) => ({
    key: state.key,
    name: state.name,
    color: state.color,
    items: [],
  }));
  const byKey = new Map(columns.map((column) => [column.key, column]));
  for (const item of items) {
    let column = byKey.get(item.state);
    if (!column) {
      column = { key: item.state, name: item.state, color: undefined, items: [] };
      byKey.set(item.state, column);
      columns.push(column);
    }
    column.items.push(item);
  }
  return columns;
}
