import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { FileTree } from './stackFiles';

// `${{ values.key }}` or `${{ values.key | default("fallback") }}`
const PLACEHOLDER =
  /\$\{\{\s*values\.([A-Za-z_][\w-]*)\s*(?:\|\s*default\(\s*(?:"([^"]*)"|'([^']*)')\s*\)\s*)?\}\}/g;

/** `**` any folders, `*` any name part, `?` one character; matched against paths relative to the stack folder. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface RenderOptions {
  /** Folder of the stack within the tree ('' when the tree is the stack). */
  stackDir: string;
  /** The stack's Application files (paths in the tree): their placeholders are always filled in. */
  manifestFiles: Set<string>;
  values: Record<string, string>;
  /** Globs, relative to the stack folder, of the other files whose placeholders are filled in. */
  valuesIn: string[];
  /** Literal text → replacement, in every text file (e.g. a host name a stack hard-codes). */
  replace: Record<string, string>;
  warn: (message: string) => void;
}

const isText = (content: Buffer) => !content.includes(0);

/**
 * Fills in `${{ values.<key> }}` only where the caller asked (the Application files, and files matching
 * `valuesIn`) and applies `replace` to text files; every other file stays byte-identical, as idpbuilder
 * pushes it. A placeholder without value is left as it is, with a warning naming file, line and key
 * (Backstage template skeletons inside a stack hold placeholders meant for their own template).
 */
export function renderStackFiles(
  tree: FileTree,
  options: RenderOptions,
): FileTree {
  const globs = options.valuesIn.map(g => {
    if (g.startsWith('/') || g.split('/').includes('..'))
      throw new InputError(
        `Input "valuesIn": "${g}" must be a glob relative to the stack folder (no leading /, no ..)`,
      );
    return globToRegExp(g);
  });
  const replacements = Object.entries(options.replace).filter(([from]) => {
    if (!from)
      throw new InputError(
        'Input "replace": the text to replace cannot be empty',
      );
    return true;
  });
  const out: FileTree = new Map();
  for (const [rel, content] of tree) {
    const inStack = path.posix.relative(options.stackDir || '.', rel);
    const substitute =
      options.manifestFiles.has(rel) || globs.some(g => g.test(inStack));
    if ((!substitute && replacements.length === 0) || !isText(content)) {
      out.set(rel, content);
      continue;
    }
    const original = content.toString('utf8');
    let text = original;
    if (substitute) {
      text = text.replace(
        PLACEHOLDER,
        (match, key: string, dq?: string, sq?: string, offset?: number) => {
          if (Object.prototype.hasOwnProperty.call(options.values, key))
            return options.values[key];
          if (dq !== undefined || sq !== undefined) return (dq ?? sq)!;
          const line = original.slice(0, offset).split('\n').length;
          options.warn(
            `${inStack} line ${line}: ${match} has no value in input "values"; left as it is`,
          );
          return match;
        },
      );
    }
    for (const [from, to] of replacements) text = text.split(from).join(to);
    out.set(rel, text === original ? content : Buffer.from(text, 'utf8'));
  }
  return out;
}
