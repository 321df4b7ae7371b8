"use client";

import { Button, type ButtonVariant } from "@fastnext/ui";

import { useToast } from "./toast";

/**
 * Copies `text` to the clipboard and says so. Where the browser refuses
 * (no permission, an insecure origin), the toast says to copy by hand:
 * the text stays on the page either way.
 */
export function CopyButton({
  text,
  label,
  copied = "Copied",
  variant = "secondary",
}: {
  text: string;
  label: string;
  copied?: string;
  variant?: ButtonVariant;
}) {
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(copied);
    } catch {
      toast.error("The browser did not allow copying: select the text and copy it instead.");
    }
  }
  return (
    <Button size="sm" variant={variant} onClick={() => void copy()}>
      {label}
    </Button>
  );
}
