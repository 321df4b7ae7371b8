"use client";

import { type ReactNode } from "react";

import { Button } from "@fastnext/ui";

import { describeApiError, errorMessage } from "~/trpc/errors";

export function LoadingState({ label = "Loading…", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div
      className="stack-sm"
      role="status"
      aria-live="polite"
      style={{ padding: "var(--space-5)" }}
    >
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <span
          key={index}
          className="skeleton"
          style={{ width: `${90 - index * 15}%` }}
          aria-hidden="true"
        />
      ))}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state">
      <p className="state-title">{title}</p>
      {children ? <div className="small">{children}</div> : null}
      {action}
    </div>
  );
}

/** A failed load, with the server's reason and a way to try again when that may help. */
export function ErrorState({
  error,
  onRetry,
  title = "This could not be loaded",
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const info = describeApiError(error);
  return (
    <div className="state" role="alert">
      <p className="state-title">{title}</p>
      <p className="small">{errorMessage(error)}</p>
      {onRetry && info.retryable ? (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
