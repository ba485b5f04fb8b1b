import path from 'node:path';
import YAML from 'yaml';
import { InputError } from '@backstage/errors';
import {
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Manifest, validateManifest } from '../kubernetes/manifests';
import type { StackManifest } from './cnoe';
import { FileTree, readFileTree } from './stackFiles';

/** A stack read into memory, with the repository around it (for `cnoe://../` references). */
export interface LoadedStack {
  /** Every file of the stacks repository (or of the stack folder when its repository is unknown). */
  tree: FileTree;
  /** The stack folder within `tree` ('' when the tree is the stack folder itself). */
  stackDir: string;
  /** Last path segment of the stack folder; the default stack name. */
  folderName: string;
  /**
   * Reads the whole stacks repository, when only the stack folder was read (a `cnoe://../` reference
   * needs a folder beside the stack). Undefined when `tree` holds the repository already.
   */
  readRepository?: () => Promise<FileTree>;
}

/** `https://host/owner/repo/src/branch/main/path` → the repository root URL and `path` (Forgejo/Gitea URLs). */
export function splitRepositoryUrl(
  url: string,
): { rootUrl: string; dir: string } | undefined {
  const m =
    /^(https?:\/\/[^?#]+?\/src\/(?:branch|tag|commit)\/[^/?#]+)(?:\/([^?#]*))?$/.exec(
      url.replace(/\/+$/, ''),
    );
  if (!m) return undefined;
  return { rootUrl: m[1], dir: decodeURIComponent(m[2] ?? '') };
}

/**
 * Reads a stack from a URL (through the URL reader) or a path inside the task workspace, together with
 * the repository it lives in: the whole repository for Forgejo/Gitea folder URLs, the workspace for a
 * workspace path, so that `cnoe://../x` can name a folder beside the stack (never outside that root).
 */
export async function loadStack(options: {
  stack: string;
  workspacePath: string;
  urlReader: UrlReaderService;
  signal?: AbortSignal;
}): Promise<LoadedStack> {
  const { stack } = options;
  const folderName =
    stack
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? 'stack';
  if (/^https?:\/\//.test(stack)) {
    const split = splitRepositoryUrl(stack);
    const stackDir = split?.dir ?? '';
    const read = async (url: string, prefix: string) => {
      let response;
      try {
        response = await options.urlReader.readTree(url, {
          signal: options.signal,
        });
      } catch (e) {
        throw new InputError(
          `Input "stack": cannot read ${url}: ${(e as Error).message}`,
        );
      }
      const tree: FileTree = new Map();
      for (const file of await response.files()) {
        if (file.path.split('/').includes('.git')) continue;
        tree.set(`${prefix}${file.path}`, await file.content());
      }
      return tree;
    };
    // The stack folder first (quick); the repository only if a cnoe://../ reference asks for it.
    const tree = await read(stack, stackDir ? `${stackDir}/` : '');
    if (tree.size === 0)
      throw new InputError(`Input "stack": ${stack} holds no files`);
    return {
      tree,
      stackDir,
      folderName,
      readRepository:
        split && stackDir ? () => read(split.rootUrl, '') : undefined,
    };
  }
  const dir = resolveSafeChildPath(options.workspacePath, stack);
  const stackDir = path
    .relative(options.workspacePath, dir)
    .split(path.sep)
    .join('/');
  try {
    const tree = await readFileTree(options.workspacePath);
    const prefix = stackDir ? `${stackDir}/` : '';
    if (![...tree.keys()].some(rel => rel.startsWith(prefix)))
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return { tree, stackDir, folderName };
  } catch (e) {
    throw new InputError(
      `Input "stack": cannot read the workspace folder "${stack}": ${
        (e as NodeJS.ErrnoException).code ?? e
      }`,
    );
  }
}

const YAML_FILE = /\.ya?ml$/i;
const isArgo = (doc: any) =>
  typeof doc?.apiVersion === 'string' &&
  doc.apiVersion.startsWith('argoproj.io/') &&
  ['Application', 'ApplicationSet'].includes(doc.kind);

/** The YAML files directly inside `folder` (paths in the tree). */
export function topLevelYaml(tree: FileTree, folder: string): string[] {
  return [...tree.keys()]
    .filter(rel => {
      const dir = path.posix.dirname(rel);
      return (dir === '.' ? '' : dir) === folder && YAML_FILE.test(rel);
    })
    .sort();
}

function holdsApplications(tree: FileTree, folder: string): boolean {
  return topLevelYaml(tree, folder).some(rel => {
    try {
      return YAML.parseAllDocuments(tree.get(rel)!.toString('utf8')).some(d =>
        isArgo(d.toJS()),
      );
    } catch {
      return false;
    }
  });
}

/**
 * The folders whose top-level YAML files hold the stack's Applications: the stack folder itself, or,
 * for a collection (a folder of stack folders, as `cnoe-io/stacks` is), each sub-folder that holds some.
 */
export function stackFolders(tree: FileTree, stackDir: string): string[] {
  if (holdsApplications(tree, stackDir)) return [stackDir];
  const prefix = stackDir ? `${stackDir}/` : '';
  const members = new Set<string>();
  for (const rel of tree.keys()) {
    if (!rel.startsWith(prefix)) continue;
    const parts = rel.slice(prefix.length).split('/');
    if (parts.length === 2) members.add(`${prefix}${parts[0]}`);
  }
  const found = [...members].sort().filter(m => holdsApplications(tree, m));
  if (found.length === 0) {
    throw new InputError(
      'Input "stack": the stack folder has no ArgoCD Application in its top-level YAML files, nor sub-folders (a collection of stacks) that have',
    );
  }
  return found;
}

/**
 * The ArgoCD Applications and ApplicationSets in the top-level YAML files of the stack folders. Other
 * objects and YAML that is no Kubernetes object at all (a kind cluster config, a values file) are
 * skipped with a warning naming the file, as idpbuilder skips them; malformed YAML fails.
 */
export function stackManifests(
  tree: FileTree,
  folders: string[],
  stackDir: string,
  warn: (message: string) => void,
): StackManifest[] {
  const found: StackManifest[] = [];
  for (const folder of folders) {
    for (const file of topLevelYaml(tree, folder)) {
      const shown = path.posix.relative(stackDir || '.', file);
      const docs = YAML.parseAllDocuments(tree.get(file)!.toString('utf8'));
      docs.forEach((doc, i) => {
        const where = `stack file ${shown}, object ${i + 1}`;
        if (doc.errors.length > 0)
          throw new InputError(
            `Malformed YAML in ${where}: ${
              doc.errors[0].message.split('\n')[0]
            }`,
          );
        const value = doc.toJS();
        if (value === null || value === undefined) return;
        if (
          typeof value !== 'object' ||
          typeof value.apiVersion !== 'string' ||
          typeof value.kind !== 'string'
        ) {
          warn(
            `${where} is not a Kubernetes object (no apiVersion/kind); skipped`,
          );
          return;
        }
        if (!isArgo(value)) {
          warn(
            `${where} is a ${value.apiVersion}/${value.kind}, not an ArgoCD Application; skipped`,
          );
          return;
        }
        const manifest: Manifest = validateManifest(value, where);
        found.push({ manifest, where, file });
      });
    }
  }
  if (found.length === 0) {
    throw new InputError(
      'Input "stack": the stack folder has no ArgoCD Application in its top-level YAML files',
    );
  }
  return found;
}
