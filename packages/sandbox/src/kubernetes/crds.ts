import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const ARGOCD_CRD_FILES = [
  'argocd-application-crd.yaml',
  'argocd-appproject-crd.yaml',
];

/**
 * Finds the folder holding the ArgoCD CRDs: `crdDir` from config, else `shared/specs` beside the
 * repository (walking up from this file), else the sandbox's seeds/kubernetes.
 */
export function findCrdDir(configured?: string): string {
  if (configured) return path.resolve(configured);
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    for (const candidate of [
      path.join(dir, 'shared', 'specs'),
      path.join(dir, 'seeds', 'kubernetes'),
    ]) {
      if (fs.existsSync(path.join(candidate, ARGOCD_CRD_FILES[0])))
        return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Error(
    `kubernetes: cannot find ${ARGOCD_CRD_FILES[0]}; set kubernetes.crdDir in the sandbox config to the folder holding the ArgoCD CRDs`,
  );
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
