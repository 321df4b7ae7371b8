import { isIP } from "node:net";

import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which non-public destinations webhooks may reach anyway
 * (WEBHOOK_ALLOWED_HOSTS): host names, whose resolved addresses are then
 * all allowed, and addresses or CIDR ranges, allowed whatever name led to
 * them. Empty by default: only public unicast addresses are reached.
 */
export interface WebhookAllowList {
  hosts: ReadonlySet<string>;
  ranges: readonly (readonly [Address, number])[];
}

export const EMPTY_ALLOW_LIST: WebhookAllowList = { hosts: new Set(), ranges: [] };

/** Parses allow-list entries, or names the first that is neither a host, an address nor a range. */
export function parseAllowList(entries: readonly string[]): WebhookAllowList | { invalid: string } {
  const hosts = new Set<string>();
  const ranges: (readonly [Address, number])[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (isIP(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry))
      hosts.add(entry);
    else return { invalid: raw };
  }
  return { hosts, ranges };
}

/** An IPv4-mapped IPv6 address is judged as the IPv4 address it carries. */
function normalised(address: string): Address | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!isIP(bare)) return null;
  return ipaddr.process(bare);
}

/**
 * True for a public unicast address. Everything ipaddr.js classes otherwise
 * is refused: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * link-local (169.254/16 with the cloud metadata services, fe80::/10),
 * carrier-grade NAT, unspecified, multicast, broadcast, reserved, and the
 * IPv6 ranges that embed an IPv4 address (6to4, Teredo, NAT64).
 */
export function isPublicAddress(address: string): boolean {
  const parsed = normalised(address);
  return parsed !== null && parsed.range() === "unicast";
}

function inAllowedRange(address: Address, allow: WebhookAllowList): boolean {
  return allow.ranges.some(
    ([range, bits]) => range.kind() === address.kind() && address.match(range, bits),
  );
}

/**
 * Whether a connection to `address` (as resolved, or as written when the
 * URL names an address) reached through `hostname` may be opened.
 */
export function mayConnect(hostname: string, address: string, allow: WebhookAllowList): boolean {
  const parsed = normalised(address);
  if (!parsed) return false;
  if (parsed.range() === "unicast") return true;
  return allow.hosts.has(hostname.toLowerCase()) || inAllowedRange(parsed, allow);
}

/** The host of a URL as a connection sees it: IPv6 without brackets, lower case. */
export function connectionHost(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Why an endpoint's address is refused at registration, or null. Only what
 * is known without a DNS query: an address literal that is not public, or
 * a name that is local by definition (`localhost`, `*.localhost`,
 * `*.local`, `*.internal`). Names are checked again on every connection,
 * on the addresses they resolve to then.
 */
export function refusedDestination(url: URL, allow: WebhookAllowList): string | null {
  const host = connectionHost(url);
  if (isIP(host)) {
    return mayConnect(host, host, allow) ? null : "Must be a public address";
  }
  if (allow.hosts.has(host)) return null;
  if (
    host === "localhost" ||
    [".localhost", ".local", ".internal"].some((suffix) => host.endsWith(suffix))
  )
    return "Must be a public host";
  return null;
}
