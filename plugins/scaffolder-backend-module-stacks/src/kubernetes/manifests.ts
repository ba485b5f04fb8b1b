import { InputError } from '@backstage/errors';
import YAML, { LineCounter } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { requireNamespaceName, requireObjectName } from './names';

/** A Kubernetes object as read from a manifest, before it is applied. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  [key: string]: unknown;
}

/** Where a manifest came from, for error messages. */
export interface ManifestSource {
  /** e.g. `input "manifests"` or a file path */
  label: string;
}

function describe(source: ManifestSource, index: number, line?: number) {
  return `${source.label}, document ${index + 1}${
    line ? ` (line ${line})` : ''
  }`;
}

/** Checks the fields every object needs, with an error naming the document and the missing field. */
export function validateManifest(value: unknown, where: string): Manifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      `${where}: expected a Kubernetes object (a mapping), got ${
        Array.isArray(value) ? 'a list' : typeof value
      }`,
    );
  }
  const obj = value as Record<string, any>;
  for (const field of ['apiVersion', 'kind']) {
    if (typeof obj[field] !== 'string' || !obj[field]) {
      throw new InputError(
        `${where}: "${field}" is missing; every manifest needs apiVersion, kind and metadata.name`,
      );
    }
  }
  if (typeof obj.metadata?.name !== 'string' || !obj.metadata.name) {
    throw new InputError(
      `${where}: ${obj.apiVersion}/${obj.kind} has no metadata.name`,
    );
  }
  requireObjectName(obj.metadata.name, where);
  const namespace = obj.metadata.namespace;
  if (namespace !== undefined) {
    if (typeof namespace !== 'string') {
      throw new InputError(`${where}: metadata.namespace must be a string`);
    }
    requireNamespaceName(namespace, `${where}: metadata.namespace`);
  }
  return obj as Manifest;
}

/**
 * Parses a multi-document YAML string. Empty documents (e.g. a trailing `---`) are skipped;
 * `List` kinds are flattened. Syntax errors name the document index and the line.
 */
export function parseManifests(
  text: string,
  source: ManifestSource,
): Manifest[] {
  const lineCounter = new LineCounter();
  const docs = YAML.parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
  });
  const manifests: Manifest[] = [];
  docs.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw new InputError(
        `Malformed YAML in ${describe(source, index, line)}: ${
          error.message.split('\n')[0]
        }`,
      );
    }
    const value = toJS(doc, describe(source, index));
    if (value === null || value === undefined) return;
    const line = doc.contents
      ? lineCounter.linePos(doc.contents.range[0]).line
      : undefined;
    manifests.push(...flatten(value, describe(source, index, line)));
  });
  return manifests;
}

/** Most manifests use no alias at all; the yaml library's limit stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

function toJS(doc: YAML.Document, where: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new InputError(
        `${where}: too many YAML aliases (${e.message}); write the objects out instead of repeating anchors`,
      );
    }
    throw new InputError(`${where}: ${(e as Error).message}`);
  }
}

function flatten(value: unknown, where: string): Manifest[] {
  const obj = value as Record<string, unknown>;
  if (
    obj &&
    typeof obj === 'object' &&
    typeof obj.kind === 'string' &&
    obj.kind.endsWith('List') &&
    Array.isArray(obj.items)
  ) {
    return obj.items.map((item, i) =>
      validateManifest(item, `${where}, item ${i + 1}`),
    );
  }
  return [validateManifest(value, where)];
}

/** Accepts what the `manifests` inputs allow: YAML text, one object, or a list of objects. */
export function manifestsFromInput(
  input: string | JsonObject | JsonObject[],
  source: ManifestSource,
): Manifest[] {
  if (typeof input === 'string') return parseManifests(input, source);
  const list = Array.isArray(input) ? input : [input];
  return list.flatMap((item, i) =>
    flatten(item, `${source.label}, item ${i + 1}`),
  );
}

/** `Deployment shop/web` or `Namespace shop` */
export function describeObject(m: {
  kind: string;
  metadata: { name: string; namespace?: string };
}) {
  return `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${
    m.metadata.name
  }`;
}
