import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

/** Hosts that mean "every interface": the server is reachable from the network. */
const ALL_INTERFACES: ReadonlySet<string> = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * Where a phone on the same network reaches the API server, when it listens
 * on every interface: one `http://<LAN address>:<port>` per external IPv4
 * address (what Expo Go and simulators use as EXPO_PUBLIC_API_URL). Empty
 * when the server listens on one address only, 127.0.0.1 by default.
 */
export function lanUrls(
  host: string,
  port: number,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  if (!ALL_INTERFACES.has(host)) return [];
  return Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === "IPv4" && !entry.internal)
    .map((entry) => `http://${entry.address}:${port}`);
}
