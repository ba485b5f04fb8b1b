import path from 'node:path';

/** What the browser suite saves for the secret scan of ./edp test (scripts/secret-scan). */
export const CAPTURED = path.resolve(
  __dirname,
  '..',
  'e2e-results',
  'captured',
);
