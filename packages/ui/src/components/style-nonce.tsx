"use client";

import { setNonce } from "get-nonce";

/**
 * Modal parts (Dialog, DropdownMenu) lock the page's scroll with a <style>
 * element they add at run time. A Content-Security-Policy that admits styles
 * by nonce refuses that element unless it carries the page's nonce: render
 * this once, high in the tree, with the nonce of the request.
 */
export function StyleNonce({ nonce }: { nonce: string | undefined }) {
  // Set during render, before any child can open a modal part.
  if (nonce) setNonce(nonce);
  return null;
}
