import { LoadingState } from "~/components/ui/states";

/** Shown while a signed-in page's data is fetched on the server. */
export default function Loading() {
  return (
    <div className="card">
      <LoadingState label="Loading the page" rows={6} />
    </div>
  );
}
