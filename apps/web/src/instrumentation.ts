/**
 * Runs once when the server starts: tracing starts first (when the OTEL_*
 * variables ask for it) so the database driver loads instrumented, the
 * peer-address stamp is installed before the first request is handled, and
 * configuration is checked, so a bad variable stops start-up with its name.
 */
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- set by Next.js itself, not configuration
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startTracing } = await import("@fastnext/tracing");
    // Next.js requires its server externals, so no ES module hook is needed.
    await startTracing({ serviceName: "fastnext-web", esmHook: false });
    const { installPeerAddressStamp } = await import("./server/peer-address");
    installPeerAddressStamp();
    const { checkConfiguration } = await import("./server/startup");
    await checkConfiguration();
  }
}
