import Link from "next/link";

/**
 * What a signed-in user sees on a page they lack the permission for. The
 * page is not in their navigation; this answers a typed or shared URL.
 */
export function Forbidden({ permission }: { permission?: string }) {
  return (
    <section className="error-page" aria-labelledby="forbidden-title">
      <p className="error-code" aria-hidden="true">
        403
      </p>
      <h1 id="forbidden-title">You do not have access to this page</h1>
      <p className="muted">
        {permission ? (
          <>
            It needs the <code>{permission}</code> permission, which none of your roles grants.{" "}
          </>
        ) : null}
        Ask an administrator if you think you should have access.
      </p>
      <Link className="btn btn-secondary" href="/">
        Back to the overview
      </Link>
    </section>
  );
}
