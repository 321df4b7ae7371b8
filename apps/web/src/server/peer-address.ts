import { randomBytes } from "node:crypto";
import { type IncomingMessage } from "node:http";
import { Server } from "node:net";

/**
 * The socket peer's address, for the code behind Next.js.
 *
 * `next start` (and the standalone server.js) hand route handlers and
 * proxy.ts a Request without the socket, and only fill X-Forwarded-For with
 * the peer's address when the client sent none, so a forged header and the
 * real peer cannot be told apart there. This module closes that gap: at
 * start-up (instrumentation.ts) it wraps the servers' `request` event and
 * stamps each request with the peer's address, signed with a secret made in
 * this process. A stamp a client sends is overwritten; one from before the
 * wrapper was installed, or from another process, fails the secret and
 * counts as unknown (null), never as the client's word.
 */

const PEER_HEADER = "x-fastnext-peer";
const STATE = Symbol.for("fastnext.peer-address");

interface StampState {
  secret: string;
}

type WithState = typeof globalThis & { [STATE]?: StampState };

/** Installs the stamp on every server of this process (idempotent). */
export function installPeerAddressStamp(): void {
  const global = globalThis as WithState;
  if (global[STATE]) return;
  const state: StampState = { secret: randomBytes(18).toString("base64url") };
  // Covers http and https servers alike (both are net.Server).
  type Emit = (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the server as `this`
  const emit = Server.prototype.emit as Emit;
  const emitWithPeer: Emit = function (event, ...args) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = `${state.secret} ${request.socket.remoteAddress ?? ""}`;
    }
    return emit.call(this, event, ...args);
  };
  Server.prototype.emit = emitWithPeer as typeof Server.prototype.emit;
  global[STATE] = state;
}

/** The peer's address stamped on this request, or null when it is not known. */
export function peerAddress(headers: Headers): string | null {
  const state = (globalThis as WithState)[STATE];
  const stamp = headers.get(PEER_HEADER);
  if (!state || !stamp?.startsWith(`${state.secret} `)) return null;
  return stamp.slice(state.secret.length + 1) || null;
}
