import { type Permission } from "@fastnext/validators";

/** What a user may do, as of one access version. */
export interface Access {
  email: string;
  name: string;
  isSuperuser: boolean;
  accessVersion: number;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
}

/**
 * Permission sets kept in memory between requests. Never trusted blindly:
 * every request compares the cached access version with the database's
 * (in the same round trip that opens the request's transaction) and
 * reloads on any difference, so a role change is seen at the next request
 * on every instance.
 */
export class AccessCache {
  private readonly entries = new Map<string, Access>();

  constructor(private readonly maxEntries = 10_000) {}

  get(userId: string): Access | undefined {
    return this.entries.get(userId);
  }

  set(userId: string, access: Access): void {
    this.entries.delete(userId);
    this.entries.set(userId, access);
    if (this.entries.size > this.maxEntries) {
      // Maps iterate in insertion order: the first key is the least recently stored.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
