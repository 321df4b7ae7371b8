"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { Button } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import {
  ExternalSignInButtons,
  type ExternalProviderOption,
} from "../auth/external-sign-in-buttons";
import { EmptyState, ErrorState, LoadingState } from "../ui/states";
import { Time } from "../ui/time";
import { useToast } from "../ui/toast";

/**
 * The caller's linked identity providers: remove one (never the last way
 * to sign in: the server refuses it), or link another configured provider.
 */
export function IdentitiesCard({
  providers,
  redirectUri,
}: {
  providers: readonly ExternalProviderOption[];
  redirectUri: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const methods = useQuery(trpc.auth.identities.list.queryOptions());
  const remove = useMutation(
    trpc.auth.identities.remove.mutationOptions({
      onSuccess: () => {
        toast.success("The provider was removed.");
        return queryClient.invalidateQueries({ queryKey: trpc.auth.identities.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const nameOf = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id;

  return (
    <section className="card" aria-labelledby="identities-title">
      <div className="card-header">
        <div>
          <h2 id="identities-title">Sign-in providers</h2>
          <p className="small muted">
            Accounts at other services you can sign in with.
            {methods.data && !methods.data.hasPassword
              ? " This account has no password: keep at least one provider, or set a password with “Forgot your password?” first."
              : ""}
          </p>
        </div>
      </div>
      <div className="card-body flush">
        {methods.isPending ? (
          <LoadingState label="Loading providers" />
        ) : methods.isError ? (
          <ErrorState error={methods.error} onRetry={() => void methods.refetch()} />
        ) : methods.data.identities.length === 0 ? (
          <EmptyState title="No provider linked" />
        ) : (
          <ul className="list" aria-label="Linked providers">
            {methods.data.identities.map((identity) => (
              <li key={identity.id}>
                <div className="list-main">
                  <span className="list-title">{nameOf(identity.provider)}</span>
                  <span className="list-meta">
                    {identity.email} · linked <Time date={identity.createdAt} />
                  </span>
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Remove ${nameOf(identity.provider)} (${identity.email})`}
                  loading={remove.isPending && remove.variables.id === identity.id}
                  onClick={() => remove.mutate({ id: identity.id })}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {providers.length > 0 ? (
        <div className="card-body">
          <ExternalSignInButtons
            providers={providers}
            intent="link"
            redirectUri={redirectUri}
            callbackUrl="/account"
          />
        </div>
      ) : null}
    </section>
  );
}
