"use client";

import { useState } from "react";

import { Button } from "@fastnext/ui";

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
    previous: () =>
      setStack((previous) => (previous.length > 1 ? previous.slice(0, -1) : previous)),
    reset: () => setStack([null]),
  };
}

export type CursorPager = ReturnType<typeof useCursorPager>;

/** Previous and Next for a list read with `useCursorPager`; hidden while everything fits one page. */
export function Pager({
  pager,
  nextCursor,
  busy,
}: {
  pager: CursorPager;
  /** The current page's `nextCursor`: null on the last page. */
  nextCursor: string | null | undefined;
  busy?: boolean;
}) {
  const { page } = pager;
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      <span>Page {page}</span>
      <div className="cluster">
        <Button size="sm" onClick={pager.previous} disabled={page === 1 || busy}>
          Previous
        </Button>
        <Button
          size="sm"
          onClick={() => nextCursor && pager.next(nextCursor)}
          disabled={!nextCursor || busy}
        >
          Next
        </Button>
      </div>
    </nav>
  );
}
