import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface Manifest {
  /** The file, relative to the source path, and the document index in it (0-based). */
  origin: string;
  object: Record<string, any>;
}

/** A manifest that cannot be read; the message names the file, the document and the line. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function files(dir: string, base: string): string[] {
  const out: string[] = [];
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(full, base));
    else if (entry.isFile() && MANIFEST_FILE.test(entry.name))
      out.push(path.relative(base, full));
  }
  return out;
}

/**
 * Reads every plain-YAML (or JSON) manifest under `dir`, recursively, multi-document files included,
 * as ArgoCD's directory source does. Empty documents are skipped; lists (`kind: List`) are expanded.
 */
export function readManifests(dir: string, shownPath = '.'): Manifest[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ManifestError(`app path does not exist: ${shownPath}`);
  }
  const out: Manifest[] = [];
  for (const file of files(dir, dir))
    out.push(
      ...parseManifestText(fs.readFileSync(path.join(dir, file), 'utf8'), file),
    );
  return out;
}

/** The Kubernetes objects of one multi-document YAML text; `file` names it in errors and origins. */
export function parseManifestText(text: string, file: string): Manifest[] {
  const out: Manifest[] = [];
  const docs = YAML.parseAllDocuments(text, { prettyErrors: true });
  (Array.isArray(docs) ? docs : [docs]).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const line = doc.errors[0].linePos?.[0]?.line;
      throw new ManifestError(
        `${file}: document ${index}${line ? `, line ${line}` : ''}: ${
          doc.errors[0].message.split('\n')[0]
        }`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    const items =
      value?.kind === 'List' && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const object of items) {
      if (
        typeof object !== 'object' ||
        Array.isArray(object) ||
        !object.apiVersion ||
        !object.kind ||
        !object.metadata?.name
      ) {
        throw new ManifestError(
          `${file}: document ${index}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`,
        );
      }
      out.push({ origin: `${file}#${index}`, object });
    }
  });
  return out;
}
