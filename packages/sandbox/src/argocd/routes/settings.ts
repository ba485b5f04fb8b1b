import { Router } from 'express';
import type { ArgoCdInstance } from '../instance';

/**
 * GET /api/v1/settings: public, as in ArgoCD (the argocd CLI reads it before `login` to learn
 * whether local users and which SSO are configured). The sandbox has local accounts and no SSO.
 */
export function settingsRoutes(instance: ArgoCdInstance): Router {
  const router = Router();
  router.get('/api/v1/settings', (req, res) => {
    res.json({
      url: `${req.protocol}://${req.get('host')}`,
      appLabelKey: 'app.kubernetes.io/instance',
      controllerNamespace: 'argocd',
      trackingMethod: 'annotation',
      statusBadgeEnabled: false,
      statusBadgeRootUrl: '',
      googleAnalytics: { trackingID: '', anonymizeUsers: true },
      kustomizeOptions: { buildOptions: '' },
      kustomizeVersions: [],
      help: { chatUrl: '', chatText: '', binaryUrls: {} },
      userLoginsDisabled: instance.settings.accounts.length === 0,
      passwordPattern: '^.{8,32}$',
      uiCssURL: '',
      uiBannerContent: '',
      uiBannerURL: '',
      uiBannerPermanent: false,
      uiBannerPosition: '',
      execEnabled: false,
      appsInAnyNamespaceEnabled: false,
      impersonationEnabled: false,
      hydratorEnabled: false,
      syncWithReplaceAllowed: true,
      installationID: `sandbox-${instance.name}`,
      resourceOverrides: {},
      additionalUrls: [],
    });
  });
  return router;
}
