import { defineConfig } from '@playwright/test';
import path from 'node:path';
import base from './playwright.config';

/**
 * The golden paths against `./edp start --scale`'s layout: PostgreSQL, Redis and two backend
 * replicas behind HAProxy on :7007 (scripts/scale/start.ts --no-frontend, which also starts the
 * sandbox), serving the production build of packages/app. Lean on purpose: it runs after the
 * main suite in `./edp test`.
 *
 *   flock /tmp/edp-e2e.lock yarn playwright test --config e2e/playwright.scale.config.ts
 */
const root = path.resolve(__dirname, '..');
const configs = [
  'app-config.yaml',
  'app-config.sandbox.yaml',
  'e2e/app-config.e2e.yaml',
  'app-config.scale.yaml',
];

export default defineConfig({
  ...base,
  testDir: path.join(__dirname, 'scale'),
  globalSetup: path.join(__dirname, 'scale', 'globalSetup.ts'),
  globalTeardown: path.join(__dirname, 'globalTeardown.ts'),
  outputDir: path.join(root, 'e2e-results', 'artifacts-scale'),
  timeout: 120_000,
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: path.join(root, 'e2e-results', 'results-scale.json') },
    ],
  ],
  webServer: {
    command: [
      'node',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(root, 'scripts/scale/start.ts'),
      '--no-frontend',
      ...configs,
    ].join(' '),
    cwd: root,
    // Through HAProxy: ready once both replicas are (they start one after the other).
    url: 'http://localhost:7007/.backstage/health/v1/readiness',
    timeout: 420_000,
    reuseExistingServer: false,
    // PostgreSQL, Redis and HAProxy run in their own process groups: the script stops them on
    // SIGTERM, which a plain kill of its group would skip.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 60_000 },
    env: { LOG_LEVEL: 'info' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
