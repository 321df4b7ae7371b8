"use client";

import { useState } from "react";

/** 128 random bits as hex: `getRandomValues` works on plain-HTTP origins too, unlike `randomUUID`. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The idempotency key of a create dialog: one per opening, so every submit
 * of that opening (a double submit, a resubmit after a lost answer) is the
 * same create and the server makes it once. A new opening is a new create.
 */
export function useIdempotencyKey(open: boolean): string {
  const [key, setKey] = useState(newIdempotencyKey);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setKey(newIdempotencyKey());
  }
  return key;
}
