import fs from 'node:fs';

/** One operation of a Swagger 2.0 document: method, path template, and a matcher for concrete paths. */
export interface SpecOperation {
  method: string;
  template: string;
  pattern: RegExp;
}

const cache = new Map<string, SpecOperation[]>();

/** Every operation of a Swagger document (paths relative to its basePath). */
export function specOperations(file: string): SpecOperation[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const operations = Object.entries(
    spec.paths as Record<string, object>,
  ).flatMap(([template, ops]) =>
    Object.keys(ops)
      .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(method => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}/?$`,
        ),
      })),
  );
  cache.set(file, operations);
  return operations;
}

/**
 * The operation a request reaches (`GET /repos/a/b/tags` -> `/repos/{owner}/{repo}/tags`), the most
 * literal template winning when several match; undefined when the spec has none.
 */
export function matchOperation(
  file: string,
  method: string,
  path: string,
): SpecOperation | undefined {
  const literal = (t: string) => t.replace(/\{[^}]+\}/g, '').length;
  return specOperations(file)
    .filter(o => o.method === method.toUpperCase() && o.pattern.test(path))
    .sort((a, b) => literal(b.template) - literal(a.template))[0];
}
