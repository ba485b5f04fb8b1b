import fs from 'node:fs';
import path from 'node:path';

/**
 * The sandbox's copies of the upstream specs (`packages/sandbox/specs`, provenance in its README).
 * Resolved from this file, so it works from any clone folder and needs no environment variable.
 */
export const SPECS_DIR = path.resolve(__dirname, '..', '..', 'specs');

/** Absolute path of one spec file; fails with the folder named when the file is missing. */
export function specPath(fileName: string): string {
  const file = path.join(SPECS_DIR, fileName);
  if (!fs.existsSync(file)) {
    throw new Error(
      `sandbox: the spec ${fileName} is missing from ${SPECS_DIR}; restore it from git (see specs/README.md there)`,
    );
  }
  return file;
}
