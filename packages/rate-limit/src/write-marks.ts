import { type Redis } from "ioredis";

// Keeps the larger of the stored and the given position (both 16 hex digits,
// so text order is number order) and extends the key's life: two writes of
// one caller finishing out of order never lower the mark.
const RAISE = `
local kept = redis.call('GET', KEYS[1])
if (not kept) or kept < ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1`;

const KEY_PREFIX = "fastnext:write-mark:";

function encode(lsn: bigint): string {
  return lsn.toString(16).padStart(16, "0");
}

/**
 * Callers' latest commit positions on the primary, in Redis so that every
 * instance sees them (the WriteMarks of @fastnext/db's read routing). A
 * failing Redis makes `latest` throw, and the router keeps that caller on
 * the primary.
 */
export class RedisWriteMarks {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async raise(caller: string, lsn: bigint, ttlMs: number): Promise<void> {
    await this.#redis.eval(RAISE, 1, KEY_PREFIX + caller, encode(lsn), String(Math.ceil(ttlMs)));
  }

  async latest(caller: string): Promise<bigint | null> {
    const kept = await this.#redis.get(KEY_PREFIX + caller);
    return kept === null ? null : BigInt(`0x${kept}`);
  }
}
