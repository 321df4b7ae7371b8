import Link from "next/link";

import { buttonVariants } from "@fastnext/ui";

/**
 * What a signed-in user sees on a page they lack the permission or role
 * for (rendered by forbidden(), status 403). The page is not in their
 * navigation; this answers a typed or shared URL.
 */
export function Forbidden() {
  return (
    <section className="error-page" aria-labelledby="forbidden-title">
      <p className="error-code" aria-hidden="true">
        403
      </p>
      <h1 id="forbidden-title">You do not have access to this page</h1>
      <p className="muted">
        None of your roles grants it. Ask an administrator if you think you should have access.
      </p>
      <Link className={buttonVariants({ variant: "secondary" })} href="/">
        Back to the overview
      </Link>
    </section>
  );
}
