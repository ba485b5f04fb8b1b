import type {
  ForgejoCiRuns,
  ForgejoOverview,
} from '@edp/plugin-forgejo-common';

const web = 'http://127.0.0.1:7101/platform/payments-api';

export const overview: ForgejoOverview = {
  host: '127.0.0.1:7101',
  owner: 'platform',
  repo: 'payments-api',
  fullName: 'platform/payments-api',
  description: 'Takes payments for the shop.',
  topics: ['payments', 'go'],
  defaultBranch: 'main',
  stars: 3,
  forks: 1,
  watchers: 2,
  openIssues: 4,
  openPullRequests: 2,
  releases: 2,
  archived: true,
  mirror: false,
  private: true,
  empty: false,
  languages: [
    { name: 'Go', bytes: 7500, percent: 75 },
    { name: 'Shell', bytes: 2000, percent: 20 },
    { name: 'Dockerfile', bytes: 500, percent: 5 },
  ],
  latestCommit: {
    sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    shortSha: 'a1b2c3d4e5',
    title: 'Add refunds endpoint',
    authorName: 'Dana',
    date: '2026-11-20T10:00:00Z',
    htmlUrl: `${web}/commit/a1b2c3d4e5`,
    status: {
      state: 'failure',
      total: 2,
      contexts: [
        { context: 'ci / build', state: 'success' },
        { context: 'ci / test', state: 'failure' },
      ],
    },
  },
  latestRelease: {
    name: 'v1.4.0',
    tagName: 'v1.4.0',
    htmlUrl: `${web}/releases/tag/v1.4.0`,
    prerelease: false,
    draft: false,
  },
  links: {
    repository: web,
    issues: `${web}/issues`,
    pulls: `${web}/pulls`,
    releases: `${web}/releases`,
    actions: `${web}/actions`,
    commits: `${web}/commits/branch/main`,
  },
  fetchedAt: '2026-11-22T00:00:00Z',
};

export const ciRuns: ForgejoCiRuns = {
  host: '127.0.0.1:7101',
  owner: 'platform',
  repo: 'payments-api',
  source: 'runs',
  actionsUrl: `${web}/actions`,
  fetchedAt: '2026-11-22T00:00:00Z',
  totalCount: 2,
  runs: [
    {
      id: 8,
      runNumber: 8,
      workflow: 'ci.yml',
      title: 'Add refunds endpoint',
      status: 'running',
      event: 'push',
      ref: 'main',
      commitSha: 'a1b2c3d4e5f6',
    },
    {
      id: 7,
      runNumber: 7,
      workflow: 'release.yml',
      status: 'success',
      event: 'push',
      ref: 'v1.4.0',
      commitSha: 'ffeeddccbbaa',
      durationSeconds: 125,
      htmlUrl: `${web}/actions/runs/7`,
    },
  ],
};

export const paymentsEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'forgejo.org/repo-slug': 'platform/payments-api' },
  },
  spec: { type: 'service', owner: 'developers', lifecycle: 'production' },
};
