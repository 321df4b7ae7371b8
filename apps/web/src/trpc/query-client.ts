import {
  defaultShouldDehydrateQuery,
  MutationCache,
  QueryCache,
  QueryClient,
} from "@tanstack/react-query";
import superjson from "superjson";

import { describeApiError } from "./errors";

/**
 * One factory for the browser's query client and the per-request one of
 * server components, so both agree on how data crosses the boundary: the API
 * returns Dates and other non-JSON values, which superjson carries through
 * the dehydrated state as it does over HTTP.
 */
export function makeQueryClient(
  options: {
    onError?: (error: unknown) => void;
    /** Whether a failed query may pass on a second try; by default, what the browser's client says. */
    retryable?: (error: unknown) => boolean;
  } = {},
): QueryClient {
  const onError = options.onError;
  const retryable = options.retryable ?? ((error: unknown) => describeApiError(error).retryable);
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Data prefetched on the server is fresh when it reaches the browser:
        // without this it would be fetched again immediately on hydration.
        staleTime: 30_000,
        // A refused call (403, 404, 400) will be refused again: retry only
        // what may be passing (network, 5xx).
        retry: (failureCount, error) => failureCount < 2 && retryable(error),
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Pending queries are sent too: a prefetch started without `await`
        // streams its result in when it resolves.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: {
        deserializeData: superjson.deserialize,
      },
    },
  });
}
