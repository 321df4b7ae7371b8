"use client";

import { Button } from "@fastnext/ui";

/**
 * A page that failed to render (the server could not load its data). The
 * details stay in the server log; the digest ties this screen to its entry.
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="error-page" role="alert" aria-labelledby="page-error-title">
      <p className="error-code" aria-hidden="true">
        Error
      </p>
      <h1 id="page-error-title">This page could not be loaded</h1>
      <p className="muted">
        Something went wrong on our side. Try again in a moment
        {error.digest ? (
          <>
            {" "}
            (reference <code>{error.digest}</code>)
          </>
        ) : null}
        .
      </p>
      <Button variant="primary" onClick={reset}>
        Try again
      </Button>
    </section>
  );
}
