/** Finds the references (`var.x`, `local_file.f[0].id`) an expression makes, for dependency ordering. */
import type { Expr } from './expr';

/** Every traversal (`var.x`, `local_file.f[0].id`) in an expression, as its name segments. */
export function collectTraversals(e: Expr, out: string[][] = []): string[][] {
  const path = traversalPath(e);
  if (path) {
    out.push(path);
    if (e.k === 'idx') collectTraversals(e.key, out);
    return out;
  }
  switch (e.k) {
    case 'tmpl':
      e.parts.forEach(p => typeof p !== 'string' && collectTraversals(p, out));
      break;
    case 'get':
      collectTraversals(e.obj, out);
      break;
    case 'idx':
      collectTraversals(e.obj, out);
      collectTraversals(e.key, out);
      break;
    case 'splat':
      collectTraversals(e.obj, out);
      break;
    case 'call':
    case 'list':
      (e.k === 'call' ? e.args : e.items).forEach(a =>
        collectTraversals(a, out),
      );
      break;
    case 'obj':
      e.items.forEach(i => {
        collectTraversals(i.key, out);
        collectTraversals(i.value, out);
      });
      break;
    case 'un':
      collectTraversals(e.e, out);
      break;
    case 'bin':
      collectTraversals(e.l, out);
      collectTraversals(e.r, out);
      break;
    case 'cond':
      [e.c, e.t, e.f].forEach(x => collectTraversals(x, out));
      break;
    case 'for':
      [e.coll, e.keyExpr, e.valExpr, e.cond].forEach(
        x => x && collectTraversals(x, out),
      );
      break;
    default:
  }
  return out;
}

function traversalPath(e: Expr): string[] | undefined {
  if (e.k === 'var') return [e.name];
  if (e.k === 'get') {
    const base = traversalPath(e.obj);
    return base && [...base, e.name];
  }
  if (e.k === 'idx') return traversalPath(e.obj);
  if (e.k === 'splat') return traversalPath(e.obj);
  return undefined;
}
