import { createHash } from 'node:crypto';
import fs from 'node:fs';
import YAML from 'yaml';
import type { Application } from './types';

/** A hand-made change to one live object (seeds/argocd/live-state.yaml). */
export interface DriftSeed {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Fields git sets on top of the generated manifest. */
  desired?: Record<string, unknown>;
  /** Fields the live object has instead, while the resource is OutOfSync. */
  live?: Record<string, unknown>;
}

export interface EventSeed {
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The resource the event is about; the Application itself when left out. */
  kind?: string;
  name?: string;
  count?: number;
  lastTimestamp: string;
}

interface AppSeed {
  drift?: DriftSeed[];
  events?: EventSeed[];
}

/** One managed resource as the stand-in's cluster holds it: git's manifest and the live object. */
export interface ManagedResource {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: string;
  health?: { status: string; message?: string };
  desired: Record<string, unknown>;
  /** Undefined when the object does not exist in the cluster (health Missing). */
  live?: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge where arrays merge by index, as a strategic merge of a single container does. */
export function overlay(base: unknown, top: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(top))
    return top.map((item, i) => overlay(base[i], item));
  if (isObject(base) && isObject(top)) {
    const out: Json = { ...base };
    for (const [k, v] of Object.entries(top)) out[k] = overlay(base[k], v);
    return out;
  }
  return top === undefined ? base : structuredClone(top);
}

const shortHash = (text: string, length: number) =>
  createHash('sha1').update(text).digest('hex').slice(0, length);

/** The manifest git would render for a resource of status.resources, before seeded overrides. */
function baseManifest(app: Application, r: ManagedResource): Json {
  const labels = { 'app.kubernetes.io/instance': app.metadata.name };
  const metadata: Json = { name: r.name, labels };
  if (r.namespace) metadata.namespace = r.namespace;
  const manifest: Json = {
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    kind: r.kind,
    metadata,
  };
  const image = app.status?.summary?.images?.[0];
  if (r.kind === 'Deployment') {
    manifest.spec = {
      replicas: 2,
      selector: { matchLabels: { app: r.name } },
      template: {
        metadata: { labels: { app: r.name } },
        spec: {
          containers: [
            {
              name: r.name,
              ...(image ? { image } : {}),
              ports: [{ containerPort: 8080 }],
            },
          ],
        },
      },
    };
  } else if (r.kind === 'Service') {
    manifest.spec = {
      selector: { app: r.name },
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    };
  }
  return manifest;
}

/**
 * The clusters behind one ArgoCD instance, as far as the resource views need them: each Application's
 * managed resources (from status.resources, with seeded drift), their children and events.
 * Once the Application is Synced (a sync or rollback ran), its resources are too: the drift is gone.
 */
export class LiveState {
  constructor(private readonly apps: Record<string, AppSeed> = {}) {}

  static load(file: string, instance: string): LiveState {
    if (!fs.existsSync(file)) return new LiveState();
    const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as {
      instances?: Record<string, Record<string, AppSeed>>;
    } | null;
    return new LiveState(doc?.instances?.[instance] ?? {});
  }

  resources(app: Application): ManagedResource[] {
    const seed = this.apps[app.metadata.name] ?? {};
    const synced = app.status?.sync?.status === 'Synced';
    const healthy = app.status?.health?.status === 'Healthy';
    return (app.status?.resources ?? []).map(raw => {
      const r = raw as Record<string, any>;
      const resource: ManagedResource = {
        group: r.group || undefined,
        version: r.version ?? 'v1',
        kind: r.kind,
        namespace: r.namespace || undefined,
        name: r.name,
        status: synced ? 'Synced' : r.status ?? 'Unknown',
        health:
          healthy && r.health ? { status: 'Healthy' } : r.health ?? undefined,
        desired: {},
      };
      const drift = seed.drift?.find(
        d =>
          d.kind === resource.kind &&
          d.name === resource.name &&
          (d.group ?? '') === (resource.group ?? ''),
      );
      resource.desired = overlay(
        baseManifest(app, resource),
        drift?.desired,
      ) as Json;
      if (resource.health?.status !== 'Missing') {
        const live = overlay(resource.desired, {
          metadata: {
            uid: this.uid(app, resource.kind, resource.name),
            resourceVersion: '4711',
          },
        });
        resource.live = (
          resource.status === 'OutOfSync' ? overlay(live, drift?.live) : live
        ) as Json;
      }
      return resource;
    });
  }

  /** ArgoCD's tree: managed resources that exist, plus a ReplicaSet and a Pod under each Deployment. */
  tree(app: Application) {
    const created = app.metadata.creationTimestamp;
    return this.resources(app)
      .filter(r => r.live)
      .flatMap(r => {
        const ref = {
          ...(r.group ? { group: r.group } : {}),
          version: r.version,
          kind: r.kind,
          ...(r.namespace ? { namespace: r.namespace } : {}),
          name: r.name,
          uid: this.uid(app, r.kind, r.name),
        };
        const nodes: Array<Record<string, unknown>> = [
          {
            ...ref,
            resourceVersion: '4711',
            ...(r.health ? { health: r.health } : {}),
            ...(created ? { createdAt: created } : {}),
          },
        ];
        if (r.kind !== 'Deployment') return nodes;
        const rsName = `${r.name}-${shortHash(
          `${app.metadata.name}/${r.name}`,
          9,
        )}`;
        const podName = `${rsName}-${shortHash(rsName, 5)}`;
        const rs = {
          group: 'apps',
          version: 'v1',
          kind: 'ReplicaSet',
          ...(r.namespace ? { namespace: r.namespace } : {}),
          name: rsName,
          uid: this.uid(app, 'ReplicaSet', rsName),
        };
        nodes.push(
          {
            ...rs,
            parentRefs: [ref],
            ...(r.health ? { health: r.health } : {}),
          },
          {
            version: 'v1',
            kind: 'Pod',
            ...(r.namespace ? { namespace: r.namespace } : {}),
            name: podName,
            uid: this.uid(app, 'Pod', podName),
            parentRefs: [rs],
            health:
              r.health?.status === 'Degraded'
                ? {
                    status: 'Degraded',
                    message: `back-off restarting failed container ${r.name}`,
                  }
                : { status: r.health?.status ?? 'Healthy' },
          },
        );
        return nodes;
      });
  }

  events(app: Application) {
    const seeds = this.apps[app.metadata.name]?.events ?? [];
    return seeds.map((e, i) => {
      const kind = e.kind ?? 'Application';
      const name = e.name ?? app.metadata.name;
      const namespace =
        e.kind === undefined
          ? app.metadata.namespace
          : app.spec.destination.namespace;
      return {
        metadata: {
          name: `${name}.${shortHash(`${i}/${e.reason}/${e.message}`, 16)}`,
          ...(namespace ? { namespace } : {}),
        },
        involvedObject: {
          kind,
          name,
          ...(namespace ? { namespace } : {}),
          ...(e.kind === undefined
            ? { apiVersion: 'argoproj.io/v1alpha1' }
            : {}),
          uid: this.uid(app, kind, name),
        },
        reason: e.reason,
        message: e.message,
        type: e.type ?? 'Normal',
        count: e.count ?? 1,
        firstTimestamp: e.lastTimestamp,
        lastTimestamp: e.lastTimestamp,
        source: {
          component:
            e.kind === undefined
              ? 'argocd-application-controller'
              : 'deployment-controller',
        },
      };
    });
  }

  private uid(app: Application, kind: string, name: string) {
    const h = shortHash(`${app.metadata.name}/${kind}/${name}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
      16,
      20,
    )}-${h.slice(20, 32)}`;
  }
}
