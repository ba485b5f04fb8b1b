import { Router } from 'express';
import { sendError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import { handle } from './handle';

/** POST/DELETE /api/v1/session, GET /api/v1/session/userinfo, GET /api/version. */
export function sessionRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  router.post(
    '/api/v1/session',
    handle((req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const token = instance.auth.login(body.username, body.password);
      if (!token) {
        sendError(res, 'Unauthenticated', 'Invalid username or password');
        return;
      }
      res.cookie('argocd.token', token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
      });
      res.json({ token });
    }),
  );

  router.delete('/api/v1/session', (_req, res) => {
    res.clearCookie('argocd.token', { path: '/' });
    res.json({ token: '' });
  });

  router.get('/api/v1/session/userinfo', (req, res) => {
    try {
      const principal = instance.auth.authenticate(req);
      res.json({ loggedIn: true, username: principal.username, iss: 'argocd' });
    } catch {
      // ArgoCD answers this one without a session too, saying so.
      res.json({ loggedIn: false });
    }
  });

  // The version is public but reduced to the version number unless the caller is signed in, as in ArgoCD.
  router.get('/api/version', (req, res) => {
    let signedIn = true;
    try {
      instance.auth.authenticate(req);
    } catch {
      signedIn = false;
    }
    const version = instance.global.version;
    if (!signedIn) {
      res.json({ Version: version });
      return;
    }
    res.json({
      Version: version,
      BuildDate: '2026-10-01T00:00:00Z',
      GitCommit: '0000000000000000000000000000000000000000',
      GitTag: version.split('+')[0],
      GitTreeState: 'clean',
      GoVersion: 'go1.24.6',
      Compiler: 'gc',
      Platform: 'linux/amd64',
      KustomizeVersion: 'v5.7.0',
      HelmVersion: 'v3.18.4',
      KubectlVersion: 'v0.33.1',
      JsonnetVersion: 'v0.21.0',
      ExtraBuildInfo: `sandbox instance ${instance.name}`,
    });
  });

  return router;
}
