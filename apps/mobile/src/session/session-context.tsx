import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";

import { type MobileSession, type SessionStatus } from "../data/session";

const SessionContext = createContext<MobileSession | null>(null);

/** Retries are the client's business (refresh, idempotent resends); the cache does not add its own. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 10_000 }, mutations: { retry: false } },
  });
}

/** Gives the screens the session and a query cache that sign-out empties. */
export function SessionProvider({
  session,
  queryClient,
  children,
}: {
  session: MobileSession;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [cache] = useState(() => queryClient ?? createQueryClient());
  useEffect(() => session.onForget(() => cache.clear()), [session, cache]);
  return (
    <SessionContext.Provider value={session}>
      <QueryClientProvider client={cache}>{children}</QueryClientProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): MobileSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionProvider above it");
  return session;
}

export function useSessionStatus(): SessionStatus {
  const session = useSession();
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.status,
  );
}
