import { type ReactNode } from "react";

import { requirePermission } from "~/trpc/server";

/** Decided here, above the page's loading state, so that a refusal answers 403. */
export default async function GuardLayout({ children }: { children: ReactNode }) {
  await requirePermission("role.read");
  return children;
}
