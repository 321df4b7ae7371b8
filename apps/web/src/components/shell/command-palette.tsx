"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";

import { Dialog, Icon } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";

import { useDebounced } from "../ui/use-debounced";
import {
  itemEntry,
  pageEntries,
  projectEntry,
  userEntry,
  type PaletteEntry,
} from "./palette-entries";
import { useCan, useViewer } from "./viewer";

/** Results per kind: the palette is for jumping, the list pages are for browsing. */
const RESULTS_PER_GROUP = 5;

/**
 * Ctrl/⌘+K: type to find a page, project, item or user and jump to it. A
 * combobox over one listbox: arrows move, Enter opens, Escape closes. Each
 * search is the ordinary list procedure, so it shows exactly what the
 * caller may see.
 */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Jump to" wide>
      {open ? <PaletteSearch onChosen={onClose} /> : null}
    </Dialog>
  );
}

function PaletteSearch({ onChosen }: { onChosen: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const viewer = useViewer();
  const can = useCan();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const search = useDebounced(text.trim(), 200);
  const searching = search.length > 0;

  const projects = useQuery({
    ...trpc.projects.list.queryOptions({ search, limit: RESULTS_PER_GROUP, archived: false }),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const items = useQuery({
    ...trpc.workflows.instances.list.queryOptions({ search, limit: RESULTS_PER_GROUP }),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const users = useQuery({
    ...trpc.admin.users.list.queryOptions({ search, limit: RESULTS_PER_GROUP, sort: "name" }),
    enabled: searching && can("user.read"),
    placeholderData: keepPreviousData,
  });

  const entries = useMemo<PaletteEntry[]>(() => {
    const pages = pageEntries(viewer.permissions, text);
    if (!searching) return pages;
    const projectNames = new Map(projects.data?.items.map((p) => [p.id, p.name]));
    return [
      ...pages,
      ...(projects.data?.items ?? []).map(projectEntry),
      ...(items.data?.items ?? []).map((item) => itemEntry(item, projectNames.get(item.projectId))),
      ...(users.data?.items ?? []).map(userEntry),
    ];
  }, [viewer.permissions, text, searching, projects.data, items.data, users.data]);

  const loading = searching && (projects.isFetching || items.isFetching || users.isFetching);
  const failed = projects.isError || items.isError || users.isError;
  const current = Math.min(active, Math.max(entries.length - 1, 0));

  useEffect(() => setActive(0), [text]);
  // The dialog focuses its first control once it is shown; the search box is
  // the one that matters here, so it takes focus after that.
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => input.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onChosen();
    router.push(entry.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (entries.length > 0) setActive((current + step + entries.length) % entries.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(entries[current]);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;

  return (
    <div className="palette">
      <div className="palette-input">
        <Icon name="search" />
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label="Search pages, projects, items and users"
          aria-expanded={entries.length > 0}
          aria-controls={listId}
          aria-activedescendant={entries.length > 0 ? optionId(current) : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          placeholder="Search pages, projects, items and users…"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul id={listId} role="listbox" aria-label="Results" className="palette-results">
        {entries.map((entry, index) => {
          const heading = index === 0 || entries[index - 1]?.group !== entry.group;
          return (
            <li
              key={entry.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              className="palette-option"
              data-group-start={heading || undefined}
              data-group={entry.group}
              onPointerMove={() => setActive(index)}
              onClick={() => choose(entry)}
            >
              <Icon name={entry.icon} />
              <span className="palette-label">{entry.label}</span>
              {entry.detail ? <span className="palette-detail">{entry.detail}</span> : null}
              <span className="palette-kind">{entry.group}</span>
            </li>
          );
        })}
      </ul>
      <p className="palette-status" role="status">
        {failed
          ? "Some results could not be loaded."
          : loading
            ? "Searching…"
            : entries.length === 0
              ? `Nothing matches “${text.trim()}”.`
              : ""}
      </p>
    </div>
  );
}
