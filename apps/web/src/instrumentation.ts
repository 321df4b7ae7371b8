/**
 * Runs once when the server starts: configuration is checked before the
 * first request, so a bad variable stops start-up with its name.
 */
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- set by Next.js itself, not configuration
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./server/startup");
    await checkConfiguration();
  }
}
