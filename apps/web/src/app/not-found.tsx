import Link from "next/link";

import { buttonVariants } from "@fastnext/ui";

export default function NotFound() {
  return (
    <main id="main" className="auth-page">
      <section className="error-page" aria-labelledby="not-found-title">
        <p className="error-code" aria-hidden="true">
          404
        </p>
        <h1 id="not-found-title">This page does not exist</h1>
        <p className="muted">
          It may have been moved or deleted, or you may not have access to it.
        </p>
        <Link className={buttonVariants({ variant: "secondary" })} href="/">
          Back to the overview
        </Link>
      </section>
    </main>
  );
}
