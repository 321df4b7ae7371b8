import { type ReactNode } from "react";

import { prefetchOrNotFound, trpc } from "~/trpc/server";

/** An unknown template answers 404: decided here, above the page's loading state. */
export default async function TemplateLayout({
  params,
  children,
}: {
  params: Promise<{ templateId: string }>;
  children: ReactNode;
}) {
  const { templateId } = await params;
  await prefetchOrNotFound(trpc.workflows.templates.get.queryOptions({ id: templateId }));
  return children;
}
