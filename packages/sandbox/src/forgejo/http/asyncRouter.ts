import { Router, type RequestHandler, type RouterOptions } from 'express';

/**
 * An express Router whose handlers may be async: a rejected promise goes to the error handler
 * (a Forgejo-style 500) instead of becoming an unhandled rejection.
 */
export function asyncRouter(options?: RouterOptions): Router {
  const router = Router(options);
  for (const method of [
    'get',
    'post',
    'put',
    'patch',
    'delete',
    'use',
  ] as const) {
    const original = (router[method] as (...args: unknown[]) => Router).bind(
      router,
    );
    (router as any)[method] = (...args: unknown[]) =>
      original(
        ...args.map(arg =>
          typeof arg === 'function' && arg.length < 4
            ? (((req, res, next) => {
                Promise.resolve((arg as RequestHandler)(req, res, next)).catch(
                  next,
                );
              }) as RequestHandler)
            : arg,
        ),
      );
  }
  return router;
}
