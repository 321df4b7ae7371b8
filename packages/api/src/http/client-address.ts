import { type IncomingMessage } from "node:http";

import proxyaddr from "proxy-addr";

/**
 * Whether the hop at `address` (0 = the socket peer, 1 = the last
 * X-Forwarded-For entry, ...) is a proxy of ours whose forwarding header may
 * be believed.
 */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The default: no proxy is trusted, the socket peer is the client. */
export const trustNoProxy: TrustProxy = () => false;

/** Names proxy-addr expands to address ranges. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * Reads the TRUSTED_PROXIES setting: empty (trust none), a hop count
 * ("1": one proxy in front, whatever its address), or a comma-separated list
 * of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
 * Throws a RangeError naming the bad entry.
 */
export function parseTrustedProxies(value: string): TrustProxy {
  const text = value.trim();
  if (text === "") return trustNoProxy;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops === 0) return trustNoProxy;
    return (_address, hop) => hop < hops;
  }
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (RANGE_NAMES.has(entry)) continue;
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new RangeError(
        `"${entry}" is not an IP address, a CIDR range, or one of loopback, linklocal, uniquelocal`,
      );
    }
  }
  const trusted = proxyaddr.compile(entries);
  return (address, hop) => trusted(address, hop);
}

/** The shape proxy-addr reads: the socket's address and the forwarding header. */
function forwardedRequest(peer: string, forwardedFor: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: { "x-forwarded-for": forwardedFor },
  } as unknown as IncomingMessage;
}

/**
 * The client's address. The socket peer, unless that peer is a trusted
 * proxy: then X-Forwarded-For is walked from the right, past every trusted
 * hop, to the first address that is not one (or the leftmost). A header
 * from anyone else is ignored, so it cannot forge the address that rate
 * limits, sessions and the activity log record. Null when the peer is
 * unknown.
 */
export function clientAddress(
  peer: string | null,
  headers: Headers,
  trust: TrustProxy,
): string | null {
  if (!peer) return null;
  if (trust === trustNoProxy) return peer;
  const forwardedFor = headers.get("x-forwarded-for");
  if (!forwardedFor) return peer;
  return proxyaddr(forwardedRequest(peer, forwardedFor), trust);
}

/**
 * Whether the client reached us over https: the site's own URL says so, or
 * the peer is a trusted proxy that set X-Forwarded-Proto to https. Anyone
 * else's X-Forwarded-Proto is ignored.
 */
export function servedOverHttps(
  siteUrl: string | null,
  peer: string | null,
  headers: Headers,
  trust: TrustProxy,
): boolean {
  if (siteUrl?.startsWith("https:")) return true;
  if (!peer || !trust(peer, 0)) return false;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}
