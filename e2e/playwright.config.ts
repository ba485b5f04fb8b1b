import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { IDENTITY_FILE, PRIVILEGED, writeIdentity } from './identity';

/**
 * Browser tests against a production build of the app served by the backend (http://localhost:7007),
 * with the sandbox's stand-ins on their fixed ports. Playwright starts both and stops them at the end.
 * Chromium comes from Debian (/usr/bin/chromium): Playwright's own browser download is not reachable here.
 */
const root = path.resolve(__dirname, '..');
const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
// The runner (not its workers, which load this file too) starts every run as the privileged guest.
if (!process.env.TEST_WORKER_INDEX) writeIdentity(PRIVILEGED);
const configs = [
  'app-config.yaml',
  'app-config.sandbox.yaml',
  'e2e/app-config.e2e.yaml',
  path.relative(root, IDENTITY_FILE),
].flatMap(f => ['--config', path.join(root, f)]);

export default defineConfig({
  testDir: path.join(__dirname, 'tests'),
  globalSetup: path.join(__dirname, 'globalSetup.ts'),
  globalTeardown: path.join(__dirname, 'globalTeardown.ts'),
  outputDir: path.join(root, 'e2e-results', 'artifacts'),
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // One browser at a time: the machines have two cores and the backend is shared.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(root, 'e2e-results', 'results.json') }],
  ],
  use: {
    baseURL: 'http://localhost:7007',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.EDP_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node ${path.join(root, 'packages/sandbox/bin/sandbox')} start`,
      url: 'http://127.0.0.1:7100/ready',
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: [
        'node',
        '--require',
        transform,
        path.join(root, 'packages/backend/src/index.ts'),
        ...configs,
      ].join(' '),
      cwd: path.join(root, 'packages/backend'),
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      timeout: 240_000,
      reuseExistingServer: false,
      // LOG_LEVEL is also the level of every scaffolder task log (createStepLogger): at `warn` the
      // browser would see no action's info lines. The backend's stdout is ignored anyway.
      env: { NODE_ENV: 'development', LOG_LEVEL: 'info' },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
