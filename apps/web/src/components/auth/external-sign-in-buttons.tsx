"use client";

import { useState } from "react";

import { Button } from "@fastnext/ui";

import { startExternalFlow } from "./external-flow";

export interface ExternalProviderOption {
  id: string;
  name: string;
}

/**
 * One button per configured identity provider (none configured: nothing
 * shown). Signs in, or, on the account page, links the provider.
 */
export function ExternalSignInButtons({
  providers,
  intent,
  redirectUri,
  callbackUrl,
}: {
  providers: readonly ExternalProviderOption[];
  intent: "sign_in" | "link";
  redirectUri: string;
  callbackUrl: string;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="stack-sm" aria-label={intent === "link" ? "Link a provider" : "Sign in with"}>
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          block
          loading={busy === provider.id}
          onClick={() => {
            setBusy(provider.id);
            void startExternalFlow({
              provider: provider.id,
              intent,
              redirectUri,
              callbackUrl,
            }).catch(() => setBusy(null));
          }}
        >
          {intent === "link" ? `Link ${provider.name}` : `Sign in with ${provider.name}`}
        </Button>
      ))}
    </div>
  );
}
