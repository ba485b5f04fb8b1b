import type { ApplicationSource, ObjectMeta } from './types';

/** `v1alpha1ApplicationDestination`: a cluster (by server URL or name) and a namespace. */
export interface Destination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** The parts of `v1alpha1AppProjectSpec` the stand-in enforces; any other field is kept as given. */
export interface AppProjectSpec {
  description?: string;
  sourceRepos?: string[];
  destinations?: Destination[];
  [key: string]: unknown;
}

/** An ArgoCD AppProject (argoproj.io/v1alpha1, argocd-appproject-crd.yaml). */
export interface AppProject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: AppProjectSpec;
  status?: Record<string, unknown>;
}

export const DEFAULT_PROJECT = 'default';

/** The project ArgoCD creates at start: every source, every destination, every cluster-scoped kind. */
export function defaultProject(): AppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: DEFAULT_PROJECT, namespace: 'argocd' },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * ArgoCD's glob (gobwas/glob without separators): `*` matches any run of characters, `?` one,
 * `[...]` a class, `{a,b}` alternatives.
 */
export function globMatch(pattern: string, text: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${pattern
          .slice(i + 1, end)
          .split(',')
          .map(escape)
          .join('|')})`;
        i = end;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`).test(text);
}

/**
 * ArgoCD's rule for lists with `!` deny entries: allowed when some allow entry matches and no
 * deny entry does (a list of only deny entries allows everything else).
 */
function permitted(patterns: string[], matches: (p: string) => boolean) {
  const deny = patterns.filter(p => p.startsWith('!'));
  const allow = patterns.filter(p => !p.startsWith('!'));
  if (deny.some(p => matches(p.slice(1)))) return false;
  return allow.length === 0 ? deny.length > 0 : allow.some(matches);
}

/** `AppProject.IsSourcePermitted`. */
export function isSourcePermitted(
  project: AppProject,
  source: ApplicationSource,
): boolean {
  const url = normaliseGitUrl(source.repoURL);
  return permitted(project.spec.sourceRepos ?? [], p =>
    globMatch(normaliseGitUrl(p), url),
  );
}

/** `AppProject.IsDestinationPermitted`; `destination.server` must already be resolved from its name. */
export function isDestinationPermitted(
  project: AppProject,
  destination: Destination,
): boolean {
  const destinations = project.spec.destinations ?? [];
  const denies = destinations.filter(
    d => d.server?.startsWith('!') || d.namespace?.startsWith('!'),
  );
  const strip = (p: string | undefined) => (p ?? '').replace(/^!/, '');
  const matches = (d: Destination) =>
    ((d.server !== undefined &&
      globMatch(strip(d.server), destination.server ?? '')) ||
      (d.name !== undefined &&
        globMatch(strip(d.name), destination.name ?? ''))) &&
    globMatch(strip(d.namespace), destination.namespace ?? '');
  if (denies.some(matches)) return false;
  return destinations.filter(d => !denies.includes(d)).some(matches);
}

/** ArgoCD compares repository URLs case-insensitively and without a trailing `.git` or slash. */
export function normaliseGitUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}
