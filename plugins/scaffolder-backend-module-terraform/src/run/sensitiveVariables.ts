import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Names of variables declared `sensitive = true` in the root module's .tf files.
 * Best effort (no HCL parser): it lets the redactor hide sensitive variable values from the
 * first log line on; after the plan, the plan's own configuration confirms the list.
 */
export async function findSensitiveVariables(
  dir: string,
): Promise<Set<string>> {
  const names = new Set<string>();
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter(f => f.endsWith('.tf'));
  } catch {
    return names;
  }
  for (const file of files) {
    const text = await fs.readFile(path.join(dir, file), 'utf8');
    for (const match of text.matchAll(/variable\s+"([A-Za-z_][\w-]*)"\s*\{/g)) {
      const bodyStart = match.index! + match[0].length;
      let depth = 1;
      let i = bodyStart;
      while (i < text.length && depth > 0) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        i++;
      }
      if (/^\s*sensitive\s*=\s*true\b/m.test(text.slice(bodyStart, i))) {
        names.add(match[1]);
      }
    }
  }
  return names;
}
