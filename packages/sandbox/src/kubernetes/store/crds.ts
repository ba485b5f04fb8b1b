import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SPECS_DIR } from '../../spec/specsDir';

export const ARGOCD_CRD_FILES = [
  'argocd-application-crd.yaml',
  'argocd-appproject-crd.yaml',
];

/**
 * The folder holding the ArgoCD CRDs: `crdDir` from the sandbox config, else the sandbox's own
 * copies in `packages/sandbox/specs`.
 */
export function findCrdDir(configured?: string): string {
  const dir = configured ? path.resolve(configured) : SPECS_DIR;
  if (!fs.existsSync(path.join(dir, ARGOCD_CRD_FILES[0]))) {
    const fix = configured
      ? 'kubernetes.crdDir in the sandbox config must name the folder holding the ArgoCD CRDs'
      : 'restore packages/sandbox/specs from git';
    throw new Error(
      `kubernetes: cannot find ${ARGOCD_CRD_FILES[0]} in ${dir}; ${fix}`,
    );
  }
  return dir;
}

// Parsed once per process: the files are large, and sharing the schema objects lets every
// cluster reuse one compiled validator.
const parsed = new Map<string, Record<string, any>[]>();

/** Reads every CRD document of the given files (treat the result as read-only). */
export function readCrds(
  dir: string,
  files = ARGOCD_CRD_FILES,
): Record<string, any>[] {
  return files.flatMap(file => {
    const full = path.join(dir, file);
    let docs = parsed.get(full);
    if (!docs) {
      docs = YAML.parseAllDocuments(fs.readFileSync(full, 'utf8'))
        .map(d => d.toJS())
        .filter(d => d?.kind === 'CustomResourceDefinition');
      parsed.set(full, docs);
    }
    return docs;
  });
}
