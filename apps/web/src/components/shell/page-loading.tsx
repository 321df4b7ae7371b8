import { LoadingState } from "../ui/states";

/**
 * Shown while a signed-in page's data is fetched on the server. Each
 * page's `loading.tsx` sits below the layout that decides whether the page
 * exists and may be seen, never above it: the fallback starts the response,
 * and a 404 or 403 found after that would go out as 200.
 */
export function PageLoading() {
  return (
    <div className="card">
      <LoadingState label="Loading the page" rows={6} />
    </div>
  );
}
