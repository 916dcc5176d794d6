// Concurrency and request-rate limits, so an audit of a large account stays under each service's throttling quotas.

/** Bounds how many calls run at once; later callers wait in FIFO order. */
export class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await work()
    } finally {
      this.release()
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(): void {
    const next = this.waiting.shift()
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next()
    else this.active--
  }
}

/**
 * A token bucket: `rate` requests per second on average, at most `burst` at once. Waiters are served
 * in order, each at the earliest time the bucket allows, so a queue of calls is spread evenly.
 */
export class TokenBucket {
  private tokens: number
  private last: number
  private tail: Promise<void> = Promise.resolve()

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.last = this.now()
  }

  take(): Promise<void> {
    const turn = this.tail.then(() => this.wait())
    this.tail = turn
    return turn
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.now()
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
      this.last = now
      if (this.tokens >= 1) {
        this.tokens -= 1
        return
      }
      await sleep(((1 - this.tokens) / this.rate) * 1000)
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
