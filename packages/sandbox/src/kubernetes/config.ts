/** Settings of the `kubernetes:` section of the sandbox config. */
export interface KubeStandInConfig {
  /** Bearer tokens with read and write access. */
  tokens: string[];
  /** Bearer tokens that may only read (writes answer 403 Forbidden). */
  readOnlyTokens: string[];
  /** How many changes watches can resume from before they get 410 Expired. */
  watchHistory: number;
  /** Folder with the ArgoCD CRDs; found beside the repository when absent. */
  crdDir?: string;
  /** Namespaces created at start besides default, kube-system, kube-public, kube-node-lease. */
  namespaces: string[];
  /** Port of the HTTPS endpoint (kubectl sends tokens only over HTTPS); 0 picks a free one. */
  httpsPort: number;
  /** Delay before Deployments report Available and Jobs Complete (0 = at once). */
  workloadDelayMs: number;
}

function strings(
  raw: Record<string, unknown>,
  key: string,
  fallback: string[],
): string[] {
  const v = raw[key];
  if (v === undefined) return fallback;
  const list = typeof v === 'string' ? [v] : v;
  if (
    !Array.isArray(list) ||
    list.some(s => typeof s !== 'string' || s === '')
  ) {
    throw new Error(
      `kubernetes.${key} must be a string or a list of non-empty strings`,
    );
  }
  return list as string[];
}

function number(
  raw: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
): number {
  const v = raw[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    throw new Error(`kubernetes.${key} must be a number >= ${min}`);
  return v;
}

const KNOWN = [
  'token',
  'tokens',
  'readOnlyToken',
  'readOnlyTokens',
  'watchHistory',
  'crdDir',
  'namespaces',
  'workloadDelayMs',
  'httpsPort',
];

/** Validates the section; errors name the key and what it should be. */
export function parseKubeConfig(
  raw: Record<string, unknown>,
): KubeStandInConfig {
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key))
      throw new Error(
        `kubernetes.${key} is not a setting; use one of ${KNOWN.join(', ')}`,
      );
  }
  if (raw.crdDir !== undefined && typeof raw.crdDir !== 'string')
    throw new Error('kubernetes.crdDir must be a folder path');
  return {
    tokens: [
      ...strings(raw, 'token', []),
      ...strings(raw, 'tokens', []),
    ].concat(
      raw.token === undefined && raw.tokens === undefined
        ? ['sandbox-kube-token']
        : [],
    ),
    readOnlyTokens: [
      ...strings(raw, 'readOnlyToken', []),
      ...strings(raw, 'readOnlyTokens', []),
    ],
    watchHistory: number(raw, 'watchHistory', 2000, 1),
    crdDir: raw.crdDir as string | undefined,
    namespaces: strings(raw, 'namespaces', ['argocd']),
    workloadDelayMs: number(raw, 'workloadDelayMs', 500, 0),
    httpsPort: number(raw, 'httpsPort', 0, 0),
  };
}
