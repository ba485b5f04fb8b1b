/**
 * The demo components catalog discovery brings in from the sandbox's Forgejo: platform's services
 * on `main`, and the labs ones on their own default branches (recommender: `develop`,
 * search-ranking: `release/2026.11`), read by @edp/plugin-catalog-backend-module-forgejo.
 */
export const DEMO_COMPONENTS = [
  'payments-api',
  'web-shop',
  'inventory-service',
  'recommender',
  'search-ranking',
];
