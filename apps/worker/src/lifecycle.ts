import { type Logger } from "@fastnext/logger";

/**
 * Tracks work in hand so shutdown can let it finish. Anything still running
 * after the timeout is abandoned; its jobs stay claimable by another worker.
 */
export class Lifecycle {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(private readonly log: Logger) {}

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  async stop(timeoutMs: number): Promise<boolean> {
    this.abort.abort();
    if (this.inFlight.size === 0) return true;
    this.log.info({ inFlight: this.inFlight.size }, "waiting for work in hand");
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, timeoutMs);
    });
    const drained = Promise.allSettled([...this.inFlight]).then(() => true as const);
    const finished = await Promise.race([drained, timeout]);
    clearTimeout(timer);
    return finished;
  }
}
