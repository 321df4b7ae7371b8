/**
 * Runs once when the server starts: configuration is checked before the
 * first request, so a bad variable stops start-up with its name.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./server/startup");
    await checkConfiguration();
  }
}
