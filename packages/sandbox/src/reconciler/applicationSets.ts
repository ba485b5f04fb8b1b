import fs from 'node:fs';
import path from 'node:path';
import type { KubeCluster, StoreEvent } from '../kubernetes';
import { deepClone, deepEqual } from '../kubernetes/store/patch';
import type { GitSources } from './git';
import { stamp } from './status';

export const APPLICATION_SETS = 'applicationsets.argoproj.io';
const MANAGER = 'argocd-applicationset-controller';

type Obj = Record<string, any>;
type Params = Record<string, unknown>;

/**
 * The ApplicationSet CRD, reduced to what the stand-in needs (a schema that keeps every field, a
 * status subresource); installed when the cluster does not serve ApplicationSets yet.
 */
const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: APPLICATION_SETS },
  spec: {
    group: 'argoproj.io',
    names: {
      kind: 'ApplicationSet',
      listKind: 'ApplicationSetList',
      plural: 'applicationsets',
      singular: 'applicationset',
      shortNames: ['appset', 'appsets'],
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['metadata', 'spec'],
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
              status: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        },
      },
    ],
  },
};

/**
 * Serves ApplicationSets in the cluster unless it does already. Called before the first Application
 * is written: establishing a CRD makes the stand-in compile its schema validators anew.
 */
export function installApplicationSetCrd(cluster: KubeCluster): void {
  const crdType = cluster.type(
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
  );
  if (!cluster.find(crdType, undefined, APPLICATION_SETS))
    cluster.create(crdType, undefined, deepClone(CRD), {
      fieldManager: 'sandbox',
    });
}

/** `path.Match` of Go, as the git directory generator uses it: `*` and `?` within one segment. */
function matchPath(pattern: string, candidate: string): boolean {
  const re = pattern
    .split('')
    .map(c => {
      if (c === '*') return '[^/]*';
      if (c === '?') return '[^/]';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${re}$`).test(candidate);
}

function directories(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, rel), {
    withFileTypes: true,
  })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const sub = rel ? `${rel}/${entry.name}` : entry.name;
    out.push(sub, ...directories(root, sub));
  }
  return out;
}

/** The parameters a directory gives, in both template styles (`{{path.basename}}`, `{{.path.basename}}`). */
function directoryParams(dir: string): Params {
  const segments = dir.split('/');
  const basename = segments[segments.length - 1];
  const normalized = basename.replace(/[^a-zA-Z0-9-]/g, '-').toLowerCase();
  const flat: Params = {
    path: dir,
    'path.path': dir,
    'path.basename': basename,
    'path.basenameNormalized': normalized,
  };
  segments.forEach((s, i) => (flat[`path[${i}]`] = s));
  return {
    ...flat,
    // goTemplate: `.path` is an object
    __go: {
      path: {
        path: dir,
        basename,
        basenameNormalized: normalized,
        segments,
      },
    },
  };
}

function fastTemplate(text: string, params: Params): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (match, key: string) =>
    key in params && key !== '__go' ? String(params[key]) : match,
  );
}

function goTemplate(text: string, params: Params): string {
  const scope = { ...params, ...((params.__go as Params) ?? {}) };
  return text.replace(
    /\{\{-?\s*\.([\w.]+)\s*-?\}\}/g,
    (_match, ref: string) => {
      let cur: any = scope;
      for (const part of ref.split('.')) cur = cur?.[part];
      if (cur === undefined)
        throw new Error(`map has no entry for key "${ref}"`);
      return String(cur);
    },
  );
}

function render(value: unknown, params: Params, go: boolean): unknown {
  if (typeof value === 'string')
    return go ? goTemplate(value, params) : fastTemplate(value, params);
  if (Array.isArray(value)) return value.map(v => render(v, params, go));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, params, go)]),
    );
  return value;
}

/**
 * ArgoCD's ApplicationSet controller over the Kubernetes stand-in: list, git (directories) and matrix
 * generators produce parameters; each set of parameters renders the template into an Application
 * owned by the ApplicationSet (ownerReferences, so deleting the set deletes them); Applications no
 * longer generated are deleted. Status conditions say whether the Applications are up to date.
 */
export class ApplicationSetController {
  private unsubscribe?: () => void;
  private resync?: NodeJS.Timeout;
  private stopped = false;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly cluster: KubeCluster,
    private readonly options: {
      git: GitSources;
      resyncIntervalMs: number;
      log(message: string): void;
    },
  ) {}

  private get setType() {
    return this.cluster.type('argoproj.io/v1alpha1', 'ApplicationSet');
  }
  private get appType() {
    return this.cluster.type('argoproj.io/v1alpha1', 'Application');
  }

  start(): void {
    installApplicationSetCrd(this.cluster);
    this.unsubscribe = this.cluster.store.subscribe(e => this.onEvent(e));
    const all = () => {
      for (const set of this.cluster.list(this.setType, undefined).items)
        this.enqueue(set.metadata.namespace, set.metadata.name);
    };
    all();
    this.resync = setInterval(all, this.options.resyncIntervalMs);
    this.resync.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.resync);
    await Promise.all([...this.running.values()]);
  }

  private onEvent(e: StoreEvent) {
    if (e.collection !== APPLICATION_SETS || e.type === 'DELETED') return;
    // The controller's own status writes change nothing it reads.
    if (e.object.metadata?.generation === e.object.status?.observedGeneration)
      return;
    this.enqueue(e.namespace, e.object.metadata.name);
  }

  private enqueue(ns: string, name: string) {
    if (this.stopped) return;
    const key = `${ns}/${name}`;
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    const run = this.reconcile(ns, name)
      .catch(e => this.options.log(`applicationset ${key}: ${e.message}`))
      .finally(() => {
        this.running.delete(key);
        if (this.again.delete(key)) this.enqueue(ns, name);
      });
    this.running.set(key, run);
  }

  private async generate(generator: Obj): Promise<Params[]> {
    if (generator.list) {
      return (generator.list.elements ?? []).map((e: Obj) => ({ ...e }));
    }
    if (generator.git) {
      const git = generator.git;
      if (!git.directories)
        throw new Error(
          'the sandbox supports the git generator with directories only (not files)',
        );
      const { dir } = await this.options.git.checkout(
        git.repoURL,
        git.revision,
      );
      const all = directories(dir);
      const include = git.directories.filter((d: Obj) => !d.exclude);
      const exclude = git.directories.filter((d: Obj) => d.exclude);
      return all
        .filter(d => include.some((p: Obj) => matchPath(p.path, d)))
        .filter(d => !exclude.some((p: Obj) => matchPath(p.path, d)))
        .sort()
        .map(directoryParams);
    }
    if (generator.matrix) {
      const [a, b] = generator.matrix.generators ?? [];
      if (!a || !b || generator.matrix.generators.length !== 2)
        throw new Error('a matrix generator needs exactly two generators');
      const left = await this.generate(a);
      const right = await this.generate(b);
      return left.flatMap(l =>
        right.map(r => ({
          ...l,
          ...r,
          __go: { ...(l.__go as Obj), ...(r.__go as Obj) },
        })),
      );
    }
    throw new Error(
      `generator ${Object.keys(generator).join(
        ',',
      )} is not supported by the sandbox (list, git directories, matrix)`,
    );
  }

  private async reconcile(ns: string, name: string): Promise<void> {
    const set = this.cluster.find(this.setType, ns, name);
    if (!set || set.metadata.deletionTimestamp) return;
    let params: Params[];
    let generated: Obj[];
    try {
      params = [];
      for (const g of set.spec?.generators ?? [])
        params.push(...(await this.generate(g)));
      const go = !!set.spec?.goTemplate;
      generated = params.map(p => {
        const t = render(set.spec.template ?? {}, p, go) as Obj;
        return {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {
            ...(t.metadata ?? {}),
            namespace: ns,
            ownerReferences: [
              {
                apiVersion: 'argoproj.io/v1alpha1',
                kind: 'ApplicationSet',
                name,
                uid: set.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: t.spec,
        };
      });
    } catch (e) {
      this.writeStatus(ns, name, set, [], (e as Error).message);
      return;
    }
    if (this.stopped) return;
    const wanted = new Set(generated.map(a => a.metadata.name));
    for (const app of generated) {
      const existing = this.cluster.find(this.appType, ns, app.metadata.name);
      if (!existing) {
        this.cluster.create(this.appType, ns, app, { fieldManager: MANAGER });
      } else if (
        !deepEqual(existing.spec, app.spec) ||
        !deepEqual(existing.metadata.labels, app.metadata.labels)
      ) {
        this.cluster.update(
          this.appType,
          ns,
          app.metadata.name,
          {
            ...existing,
            metadata: {
              ...existing.metadata,
              labels: app.metadata.labels,
              resourceVersion: undefined,
            },
            spec: app.spec,
          },
          { fieldManager: MANAGER },
        );
      }
    }
    for (const app of this.cluster.list(this.appType, ns).items) {
      const owned = (app.metadata.ownerReferences ?? []).some(
        (r: Obj) => r.uid === set.metadata.uid,
      );
      if (owned && !wanted.has(app.metadata.name))
        this.cluster.delete(this.appType, ns, app.metadata.name);
    }
    this.writeStatus(ns, name, set, [...wanted].sort());
  }

  private writeStatus(
    ns: string,
    name: string,
    set: Obj,
    applications: string[],
    error?: string,
  ) {
    const current = this.cluster.find(this.setType, ns, name);
    if (!current || this.stopped) return;
    const now = stamp();
    const condition = (type: string, status: boolean, reason: string) => ({
      type,
      status: status ? 'True' : 'False',
      reason,
      message: error ?? 'All applications have been generated successfully',
      lastTransitionTime: now,
    });
    const status = {
      observedGeneration: set.metadata.generation,
      conditions: error
        ? [
            condition(
              'ErrorOccurred',
              true,
              'ApplicationGenerationFromParamsError',
            ),
            condition('ParametersGenerated', false, 'ErrorOccurred'),
            condition('ResourcesUpToDate', false, 'ErrorOccurred'),
          ]
        : [
            condition('ErrorOccurred', false, 'ApplicationSetUpToDate'),
            condition('ParametersGenerated', true, 'ParametersGenerated'),
            condition('ResourcesUpToDate', true, 'ApplicationSetUpToDate'),
          ],
      resources: applications.map(n => ({
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Application',
        name: n,
        namespace: ns,
      })),
    };
    this.cluster.update(
      this.setType,
      ns,
      name,
      {
        ...current,
        metadata: { ...current.metadata, resourceVersion: undefined },
        status,
      },
      { subresource: 'status', fieldManager: MANAGER },
    );
  }
}
