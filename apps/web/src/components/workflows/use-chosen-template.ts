"use client";

import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "~/trpc/client";

import { pickTemplate, projectTemplatesInput } from "./board-input";

/**
 * The templates a project may use, the one a per-template page shows (the
 * key asked for, else that of the newest item, else the first) and its definition: what the board and
 * the analytics page both start from.
 */
export function useChosenTemplate(projectId: string, templateKey: string | undefined) {
  const trpc = useTRPC();
  const templates = useQuery(
    trpc.projects.templates.list.queryOptions(projectTemplatesInput(projectId)),
  );
  const selected = templates.data ? pickTemplate(templates.data, templateKey) : undefined;
  const template = useQuery({
    ...trpc.workflows.templates.get.queryOptions({ id: selected?.published.id ?? "" }),
    enabled: selected !== undefined,
  });
  return { templates, selected, template };
}
