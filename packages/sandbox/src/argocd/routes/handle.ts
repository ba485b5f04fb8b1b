import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Unauthenticated, type Principal } from '../auth';
import { ArgoError, sendError } from '../errors';
import type { ArgoCdInstance } from '../instance';

/** Wraps an async route so that ArgoErrors become ArgoCD error bodies and anything else a 500. */
export function handle(
  fn: (req: Request, res: Response) => Promise<void> | void,
): RequestHandler {
  return (req, res) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(e => {
        if (res.headersSent) {
          res.end();
          return;
        }
        if (e instanceof ArgoError) sendError(res, e.status, e.message);
        else
          sendError(
            res,
            'Internal',
            `sandbox: ${(e as Error)?.message ?? String(e)}`,
          );
      });
  };
}

/** Rejects unauthenticated requests with ArgoCD's 401 body; stores the principal in res.locals. */
export function requireAuth(instance: ArgoCdInstance): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.principal = instance.auth.authenticate(req);
      next();
    } catch (e) {
      if (e instanceof Unauthenticated)
        sendError(res, 'Unauthenticated', e.message);
      else next(e);
    }
  };
}

export const principalOf = (res: Response): Principal =>
  res.locals.principal as Principal;
