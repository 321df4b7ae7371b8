/**
 * Each caller's latest commit position on the primary, kept for a while so
 * that their reads can wait for a replica to have it (see `ReadRouting`).
 * Shared by every instance in production (`RedisWriteMarks` in
 * @fastnext/rate-limit); `MemoryWriteMarks` is for a single process.
 */
export interface WriteMarks {
  /** Keeps `lsn` for `caller` for `ttlMs`, unless a later position is kept already. */
  raise(caller: string, lsn: bigint, ttlMs: number): Promise<void>;
  /** The caller's latest position still kept; null when none is. */
  latest(caller: string): Promise<bigint | null>;
}

/** Marks in this process only: right for one instance, wrong for several (use Redis). */
export class MemoryWriteMarks implements WriteMarks {
  readonly #marks = new Map<string, { lsn: bigint; expiresAt: number }>();

  raise(caller: string, lsn: bigint, ttlMs: number): Promise<void> {
    const now = Date.now();
    const kept = this.#marks.get(caller);
    if (!kept || kept.expiresAt <= now || kept.lsn < lsn)
      this.#marks.set(caller, { lsn, expiresAt: now + ttlMs });
    else kept.expiresAt = Math.max(kept.expiresAt, now + ttlMs);
    // Expired marks of callers gone quiet would otherwise stay forever.
    if (this.#marks.size > 10_000) {
      for (const [key, mark] of this.#marks) if (mark.expiresAt <= now) this.#marks.delete(key);
    }
    return Promise.resolve();
  }

  latest(caller: string): Promise<bigint | null> {
    const kept = this.#marks.get(caller);
    return Promise.resolve(kept && kept.expiresAt > Date.now() ? kept.lsn : null);
  }
}
