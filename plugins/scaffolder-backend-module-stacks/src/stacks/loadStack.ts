import { InputError } from '@backstage/errors';
import {
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Manifest, parseManifests } from '../kubernetes/manifests';
import { FileTree, readFileTree } from './stackFiles';

/** A stack read into memory: every file, and where it came from. */
export interface LoadedStack {
  tree: FileTree;
  /** Last path segment of the stack folder; the default stack name. */
  folderName: string;
}

/**
 * Reads a stack folder from a URL (through the URL reader, e.g. a folder of a Forgejo repository)
 * or from a path inside the task workspace.
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
    let response;
    try {
      response = await options.urlReader.readTree(stack, {
        signal: options.signal,
      });
    } catch (e) {
      throw new InputError(
        `Input "stack": cannot read ${stack}: ${(e as Error).message}`,
      );
    }
    const tree: FileTree = new Map();
    for (const file of await response.files()) {
      if (file.path.split('/').includes('.git')) continue;
      tree.set(file.path, await file.content());
    }
    if (tree.size === 0)
      throw new InputError(`Input "stack": ${stack} holds no files`);
    return { tree, folderName };
  }
  const dir = resolveSafeChildPath(options.workspacePath, stack);
  try {
    return { tree: await readFileTree(dir), folderName };
  } catch (e) {
    throw new InputError(
      `Input "stack": cannot read the workspace folder "${stack}": ${
        (e as NodeJS.ErrnoException).code ?? e
      }`,
    );
  }
}

/** The ArgoCD Applications and ApplicationSets in the top-level YAML files of a stack. */
export function stackManifests(
  tree: FileTree,
  onSkipped: (message: string) => void,
): Array<{ manifest: Manifest; where: string }> {
  const found: Array<{ manifest: Manifest; where: string }> = [];
  for (const [rel, content] of tree) {
    if (rel.includes('/') || !/\.ya?ml$/i.test(rel)) continue;
    parseManifests(content.toString('utf8'), {
      label: `stack file ${rel}`,
    }).forEach((manifest, i) => {
      const where = `stack file ${rel}, object ${i + 1}`;
      if (
        manifest.apiVersion.startsWith('argoproj.io/') &&
        ['Application', 'ApplicationSet'].includes(manifest.kind)
      ) {
        found.push({ manifest, where });
      } else {
        onSkipped(
          `${where} is a ${manifest.apiVersion}/${manifest.kind}, not an ArgoCD Application; skipped`,
        );
      }
    });
  }
  if (found.length === 0) {
    throw new InputError(
      'Input "stack": the stack folder has no ArgoCD Application in its top-level YAML files',
    );
  }
  return found;
}
