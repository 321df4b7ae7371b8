import { type DefaultSession } from "next-auth";
import "next-auth/jwt";

// What our session carries: ids only. The cookie is an encrypted JWT, but
// nothing secret goes in it (no refresh or access token): the session is
// ended server-side (sessions.revoked_at), and every request re-checks it.

declare module "next-auth" {
  interface User {
    /** The device session login opened (sessions.id). */
    sessionId?: string;
  }

  interface Session {
    user?: DefaultSession["user"] & { id?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    sessionId?: string;
  }
}
