"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

import { Alert } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { takePendingFlow } from "../auth/external-flow";
import { signInErrorMessage } from "../auth/sign-in-errors";
import { LoadingState } from "../ui/states";

/**
 * Finishes linking a provider from the account page: the state is this
 * tab's, then the link code and the PKCE verifier go to
 * auth.identities.link under the signed-in session (the owner's
 * confirmation), and back to the account page.
 */
export function LinkIdentityFinish({
  code,
  state,
  refused,
}: {
  code: string | null;
  state: string | null;
  refused: string | null;
}) {
  const trpc = useTRPC();
  const started = useRef(false);
  const [problem, setProblem] = useState<string | null>(null);
  const link = useMutation(
    trpc.auth.identities.link.mutationOptions({
      onSuccess: () => window.location.assign("/account"),
      onError: (error) => setProblem(errorMessage(error)),
    }),
  );

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const pending = takePendingFlow(state);
    if (!pending) setProblem("This link was not started here, or has expired. Start again.");
    else if (refused || !code) setProblem(signInErrorMessage(refused ?? "access_denied"));
    else link.mutate({ code, codeVerifier: pending.verifier, redirectUri: pending.redirectUri });
    // Runs once, on arrival.
  }, []);

  if (!problem) return <LoadingState label="Linking the provider" />;
  return (
    <div className="stack-sm">
      <Alert tone="error">{problem}</Alert>
      <p className="small">
        <Link href="/account">Back to your account</Link>
      </p>
    </div>
  );
}
