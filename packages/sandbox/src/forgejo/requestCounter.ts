import type { RequestHandler } from 'express';

/**
 * Counts API requests by method and route shape (ids and names replaced), so that benchmarks and
 * tests can tell how many upstream calls a portal view cost. Read at GET /_sandbox/requests.
 */
export class RequestCounter {
  private total = 0;
  private byRoute = new Map<string, number>();

  middleware(): RequestHandler {
    return (req, _res, next) => {
      this.total += 1;
      const key = `${req.method} ${req.baseUrl}${req.path}`;
      this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
      next();
    };
  }

  snapshot(): { total: number; byRoute: Record<string, number> } {
    return { total: this.total, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
  }
}
