import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { deepClone } from '../kubernetes/store/patch';
import { ManifestError, parseManifestText, type Manifest } from './manifests';

/**
 * A subset of `kustomize build`, enough for the overlays stacks keep: `resources` (files and folders
 * with their own kustomization), `namespace`, `namePrefix`/`nameSuffix`, `commonLabels`, `labels`,
 * `commonAnnotations`, `images`, and patches (`patches` with a strategic-merge or JSON 6902 body,
 * inline or from a file, with an optional `target`; `patchesStrategicMerge`; `patchesJson6902`).
 * Any other field (generators, components, remote resources) fails naming the field.
 */
export const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'images',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
]);

type Obj = Record<string, any>;
const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function kustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map(f => path.join(dir, f)).find(f =>
    fs.existsSync(f),
  );
}

/** Strategic merge, simplified: maps merge, lists of named items merge by `name`, other lists are replaced. */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isObject(patch) && patch.$patch === 'delete') return undefined;
  if (isObject(base) && isObject(patch)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (k === '$patch') continue;
      if (v === null) delete out[k];
      else out[k] = strategicMerge(out[k], v);
    }
    return out;
  }
  if (
    Array.isArray(base) &&
    Array.isArray(patch) &&
    patch.every(p => isObject(p) && typeof p.name === 'string')
  ) {
    const out = base.map(b => b);
    for (const p of patch) {
      const i = out.findIndex(b => isObject(b) && b.name === p.name);
      if (i < 0) out.push(p);
      else {
        const merged = strategicMerge(out[i], p);
        if (merged === undefined) out.splice(i, 1);
        else out[i] = merged;
      }
    }
    return out;
  }
  return deepClone(patch);
}

function pointer(p: string): string[] {
  return p
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** JSON patch (RFC 6902) operations add, replace and remove. */
export function jsonPatch(target: Obj, ops: Obj[], where: string): Obj {
  const doc = deepClone(target);
  for (const op of ops) {
    const parts = pointer(String(op.path ?? ''));
    const last = parts.pop()!;
    let parent: any = doc;
    for (const p of parts) {
      parent = Array.isArray(parent) ? parent[Number(p)] : parent?.[p];
      if (parent === undefined)
        throw new ManifestError(
          `${where}: patch path ${op.path} does not exist in the resource`,
        );
    }
    if (op.op === 'add' || op.op === 'replace') {
      if (Array.isArray(parent)) {
        if (last === '-') parent.push(op.value);
        else if (op.op === 'add') parent.splice(Number(last), 0, op.value);
        else parent[Number(last)] = op.value;
      } else parent[last] = op.value;
    } else if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      throw new ManifestError(
        `${where}: JSON patch op "${op.op}" is not supported by the sandbox (add, replace, remove)`,
      );
    }
  }
  return doc;
}

function matches(object: Obj, target: Obj | undefined): boolean {
  if (!target) return true;
  if (target.kind && target.kind !== object.kind) return false;
  if (target.name && target.name !== object.metadata?.name) return false;
  if (target.namespace && target.namespace !== object.metadata?.namespace)
    return false;
  if (target.group !== undefined) {
    const group = String(object.apiVersion).includes('/')
      ? String(object.apiVersion).split('/')[0]
      : '';
    if (target.group !== group) return false;
  }
  if (typeof target.labelSelector === 'string') {
    for (const pair of target.labelSelector.split(',')) {
      const [k, v] = pair.split('=').map((s: string) => s.trim());
      if (object.metadata?.labels?.[k] !== v) return false;
    }
  }
  return true;
}

function addLabels(object: Obj, labels: Obj, selectors: boolean) {
  object.metadata.labels = { ...(object.metadata.labels ?? {}), ...labels };
  if (!selectors) return;
  const spec = object.spec;
  if (!isObject(spec)) return;
  if (isObject(spec.selector) && object.kind !== 'Service') {
    spec.selector.matchLabels = {
      ...(spec.selector.matchLabels ?? {}),
      ...labels,
    };
  } else if (object.kind === 'Service') {
    spec.selector = { ...(spec.selector ?? {}), ...labels };
  }
  if (isObject(spec.template?.metadata) || isObject(spec.template)) {
    spec.template.metadata ??= {};
    spec.template.metadata.labels = {
      ...(spec.template.metadata.labels ?? {}),
      ...labels,
    };
  }
}

function setImages(object: Obj, images: Obj[]) {
  const podSpec =
    object.spec?.template?.spec ??
    (object.kind === 'Pod' ? object.spec : undefined);
  if (!isObject(podSpec)) return;
  for (const c of [
    ...(podSpec.containers ?? []),
    ...(podSpec.initContainers ?? []),
  ]) {
    const [name, tag] = String(c.image ?? '').split(/:(?=[^/]*$)/);
    const rule = images.find(i => i.name === name);
    if (!rule) continue;
    const newName = rule.newName ?? name;
    if (rule.digest) c.image = `${newName}@${rule.digest}`;
    else if (rule.newTag ?? tag) c.image = `${newName}:${rule.newTag ?? tag}`;
    else c.image = newName;
  }
}

/** `kustomize build <dir>`; `root` confines file references to the repository. */
export function kustomizeBuild(
  dir: string,
  root: string,
  shown: string,
): Manifest[] {
  const file = kustomizationFile(dir);
  if (!file)
    throw new ManifestError(`${shown}: no kustomization.yaml in the folder`);
  const where = path.posix.join(shown, path.basename(file));
  const k = (YAML.parse(fs.readFileSync(file, 'utf8')) as Obj) ?? {};
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key))
      throw new ManifestError(
        `${where}: "${key}" is not supported by the sandbox's kustomize (supported: ${[
          ...SUPPORTED,
        ]
          .slice(3)
          .join(', ')})`,
      );
  }
  const inside = (rel: string) => {
    const full = path.resolve(dir, rel);
    if (full !== root && !full.startsWith(`${root}${path.sep}`))
      throw new ManifestError(
        `${where}: "${rel}" points outside the repository`,
      );
    return full;
  };
  const readPatchFile = (rel: string) =>
    YAML.parse(fs.readFileSync(inside(rel), 'utf8'));

  let objects: Obj[] = [];
  for (const entry of [...(k.resources ?? []), ...(k.bases ?? [])]) {
    const rel = String(entry);
    if (/^[a-z]+:\/\//.test(rel) || rel.startsWith('github.com/'))
      throw new ManifestError(
        `${where}: remote resource "${rel}" is not supported by the sandbox`,
      );
    const full = inside(rel);
    if (!fs.existsSync(full))
      throw new ManifestError(`${where}: resource "${rel}" does not exist`);
    if (fs.statSync(full).isDirectory()) {
      objects.push(
        ...kustomizeBuild(full, root, path.posix.join(shown, rel)).map(
          m => m.object,
        ),
      );
    } else {
      objects.push(
        ...parseManifestText(
          fs.readFileSync(full, 'utf8'),
          path.posix.join(shown, rel),
        ).map(m => m.object),
      );
    }
  }
  objects = objects.map(o => deepClone(o));

  // Patches apply to the resources as they come from the bases, before this layer's transformers.
  const patches: Array<{ body: unknown; target?: Obj }> = [];
  for (const p of k.patches ?? []) {
    const body = p.path
      ? readPatchFile(p.path)
      : YAML.parse(String(p.patch ?? ''));
    patches.push({ body, target: p.target });
  }
  for (const p of k.patchesStrategicMerge ?? []) {
    const text = String(p);
    patches.push({
      body: text.includes('\n') ? YAML.parse(text) : readPatchFile(text),
    });
  }
  for (const p of k.patchesJson6902 ?? []) {
    const body = p.path
      ? readPatchFile(p.path)
      : YAML.parse(String(p.patch ?? ''));
    patches.push({ body, target: p.target });
  }
  for (const { body, target } of patches) {
    if (Array.isArray(body)) {
      if (!target)
        throw new ManifestError(`${where}: a JSON 6902 patch needs a target`);
      objects = objects.map(o =>
        matches(o, target) ? jsonPatch(o, body, where) : o,
      );
      continue;
    }
    if (!isObject(body))
      throw new ManifestError(`${where}: a patch must be a mapping or a list`);
    const selector = target ?? {
      kind: body.kind,
      name: body.metadata?.name,
    };
    let hit = false;
    objects = objects.flatMap(o => {
      if (!matches(o, selector)) return [o];
      hit = true;
      const merged = strategicMerge(o, {
        ...body,
        metadata: { ...(body.metadata ?? {}), name: o.metadata.name },
      });
      return merged === undefined ? [] : [merged as Obj];
    });
    if (!hit)
      throw new ManifestError(
        `${where}: no resource matches the patch for ${selector.kind ?? '*'} ${
          selector.name ?? ''
        }`.trim(),
      );
  }

  for (const o of objects) {
    o.metadata ??= {};
    if (k.namePrefix || k.nameSuffix) {
      if (!['Namespace', 'CustomResourceDefinition'].includes(o.kind))
        o.metadata.name = `${k.namePrefix ?? ''}${o.metadata.name}${
          k.nameSuffix ?? ''
        }`;
    }
    if (k.namespace && o.kind !== 'Namespace')
      o.metadata.namespace = k.namespace;
    if (k.commonLabels) addLabels(o, k.commonLabels, true);
    for (const l of k.labels ?? [])
      addLabels(o, l.pairs ?? {}, !!l.includeSelectors);
    if (k.commonAnnotations)
      o.metadata.annotations = {
        ...(o.metadata.annotations ?? {}),
        ...k.commonAnnotations,
      };
    if (k.images) setImages(o, k.images);
  }
  return objects.map((object, i) => ({ origin: `${where}#${i}`, object }));
}
