/**
 * A counting semaphore: at most `max` tasks run at once, the rest wait in arrival order.
 * @internal
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter so `running` never exceeds `max`.
      if (next) next();
      else this.running--;
    }
  }

  get active(): number {
    return this.running;
  }
}
