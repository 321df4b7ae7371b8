import { type UseQueryResult } from "@tanstack/react-query";
import { type ReactNode } from "react";

import { describeProblem } from "../data/errors";
import { Button, Loading, Notice } from "./controls";

/** A query's loading and error states, the same on every screen; `children` once it has data. */
export function QueryState<T>({
  query,
  label,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is loading, for screen readers: "Loading projects". */
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={label} />;
  if (query.isError) {
    return (
      <>
        <Notice tone="error">{describeProblem(query.error).message}</Notice>
        <Button label="Try again" variant="secondary" onPress={() => query.refetch()} />
      </>
    );
  }
  return <>{children(query.data)}</>;
}
