import { specOperations } from '../operations';

/**
 * Calls every operation of a spec once against a stand-in and counts those it serves, i.e. that
 * do not answer with the stand-in's own "not served" reply. Path parameters take `values[name]`
 * (else `x`), bodies are `{}`; deletes run last, the repository/application itself at the very end,
 * so run it on a throwaway instance.
 */
export async function countServedOperations(options: {
  specFile: string;
  baseUrl: string;
  headers: Record<string, string>;
  values: Record<string, string>;
  isNotServed: (status: number, body: string) => boolean;
}): Promise<{ served: number; total: number; notServed: string[] }> {
  const operations = [...specOperations(options.specFile)].sort(
    (a, b) =>
      Number(a.method === 'DELETE') - Number(b.method === 'DELETE') ||
      b.template.length - a.template.length,
  );
  const notServed: string[] = [];
  for (const op of operations) {
    const path = op.template.replace(/\{([^}]+)\}/g, (_m, name) =>
      encodeURIComponent(options.values[name] ?? 'x'),
    );
    const res = await fetch(`${options.baseUrl}${path}`, {
      method: op.method,
      headers: { ...options.headers, 'content-type': 'application/json' },
      body: op.method === 'GET' || op.method === 'DELETE' ? undefined : '{}',
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    const body = res ? await res.text().catch(() => '') : '';
    if (!res || options.isNotServed(res.status, body))
      notServed.push(`${op.method} ${op.template}`);
  }
  return {
    served: operations.length - notServed.length,
    total: operations.length,
    notServed,
  };
}
