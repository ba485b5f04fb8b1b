/*
 * The EDP Orchestrator demo backend: Backstage's core plugins plus the EDP plugin suite.
 * Each EDP package is added with one line below, as a platform team would add it to its own portal.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest sign-in for local use (resolves to a catalog user), real providers in production config
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: reads for everyone, the EDP plugins' mutating permissions for the configured groups
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@edp/plugin-permission-backend-module-edp-policy'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// search: PostgreSQL's engine when the database is PostgreSQL, else the in-memory one
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// EDP Orchestrator plugins
backend.add(import('@edp/plugin-catalog-backend-module-forgejo')); // catalog.providers.forgejo: discovery on each repository's default branch
backend.add(import('@edp/plugin-forgejo-backend')); // Forgejo entity cards (/api/forgejo)
backend.add(import('@edp/plugin-argocd-backend')); // ArgoCD entity cards (/api/edp-argocd)
backend.add(import('@edp/plugin-scaffolder-backend-module-forgejo')); // publish:forgejo
backend.add(import('@edp/plugin-scaffolder-backend-module-stacks')); // edp:kubernetes:apply, edp:stack:provision, edp:argocd:*
backend.add(import('@edp/plugin-scaffolder-backend-module-terraform')); // edp:terraform:run
backend.add(import('@edp/plugin-terraform-backend')); // Terraform card and drift check (/api/edp-terraform)
backend.add(import('@edp/plugin-terraform-backend/catalog')); // drift result as the catalog status edp.io/terraform-drift

backend.start();
