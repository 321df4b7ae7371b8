import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * This machine's IPv4 addresses other than loopback: where a server bound
 * to all interfaces can be reached from another device on the network.
 */
export function lanAddresses(interfaces: Interfaces = networkInterfaces()): string[] {
  const addresses = Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === "IPv4" && !entry.internal)
    .map((entry) => entry.address);
  return [...new Set(addresses)];
}

/** Whether a host to listen on means every interface rather than one address. */
export function isWildcardHost(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "";
}

/**
 * The host names a development server is opened at from this machine and
 * its network: localhost, 127.0.0.1, the LAN addresses, plus `extra`
 * (host names or `*.domain` patterns, e.g. a tunnel's).
 */
export function devHosts(extra: readonly string[] = [], interfaces?: Interfaces): string[] {
  return [...new Set(["localhost", "127.0.0.1", ...lanAddresses(interfaces), ...extra])];
}
