"use client";

import { useState } from "react";

import { Button } from "./button";

/**
 * Keyset pages go forward by cursor only; going back re-reads the cursor of
 * the page before, kept here. Position is local to the list.
 */
export function useCursorPager() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack.at(-1) ?? null;
  return {
    cursor,
    page: stack.length,
    next: (nextCursor: string) => setStack((previous) => [...previous, nextCursor]),
    previous: () => setStack((previous) => (previous.length > 1 ? previous.slice(0, -1) : previous)),
    reset: () => setStack([null]),
  };
}

export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
  busy,
}: {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  busy?: boolean;
}) {
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      <span>Page {page}</span>
      <div className="cluster">
        <Button size="sm" onClick={onPrevious} disabled={page === 1 || busy}>
          Previous
        </Button>
        <Button size="sm" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor || busy}>
          Next
        </Button>
      </div>
    </nav>
  );
}
