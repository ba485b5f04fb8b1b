import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import { can, enforce } from '../rbac';
import { handle, principalOf } from './handle';

/** What `argocd account can-i` may ask about (ArgoCD's RBAC resources and actions). */
const RESOURCES = [
  'applications',
  'applicationsets',
  'clusters',
  'projects',
  'repositories',
  'accounts',
  'certificates',
  'gpgkeys',
  'logs',
  'exec',
  'extensions',
];
const ACTIONS = [
  'get',
  'create',
  'update',
  'delete',
  'sync',
  'override',
  'action',
  'invoke',
];

/** GET /api/v1/account, /api/v1/account/{name}, /api/v1/account/can-i/{resource}/{action}/{subresource}. */
export function accountRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  const accounts = () => [
    ...instance.settings.accounts.map(a => ({
      name: a.username,
      enabled: true,
      capabilities: ['login'],
    })),
    ...[...new Set(instance.settings.tokens.map(t => t.username))].map(
      name => ({ name, enabled: true, capabilities: ['apiKey'] }),
    ),
  ];

  router.get(
    // The object may carry slashes (`<project>/<app>`), escaped by grpc-gateway clients or not.
    '/api/v1/account/can-i/:resource/:action/*',
    handle((req, res) => {
      const { resource, action } = req.params;
      const subresource = decodeURIComponent((req.params as any)[0] ?? '');
      if (!RESOURCES.includes(resource))
        throw new ArgoError(
          'InvalidArgument',
          `unknown resource '${resource}': use one of ${RESOURCES.join(', ')}`,
        );
      if (!ACTIONS.includes(action.split('/')[0]))
        throw new ArgoError(
          'InvalidArgument',
          `unknown action '${action}': use one of ${ACTIONS.join(', ')}`,
        );
      const allowed = can(principalOf(res), resource, action, subresource);
      res.json({ value: allowed ? 'yes' : 'no' });
    }),
  );

  router.get(
    '/api/v1/account',
    handle((_req, res) => {
      enforce(principalOf(res), 'accounts', 'get', '*');
      res.json({ items: accounts() });
    }),
  );

  router.get(
    '/api/v1/account/:name',
    handle((req, res) => {
      const principal = principalOf(res);
      if (req.params.name !== principal.username)
        enforce(principal, 'accounts', 'get', req.params.name);
      const account = accounts().find(a => a.name === req.params.name);
      if (!account)
        throw new ArgoError(
          'NotFound',
          `account '${req.params.name}' does not exist`,
        );
      res.json(account);
    }),
  );

  return router;
}
