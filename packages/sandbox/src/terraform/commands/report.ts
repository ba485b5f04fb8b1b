/** Reports a failure through the view and returns the exit code (1). */
import { TfError } from '../diagnostics';
import type { View } from '../ui/view';

export function reportError(view: View, e: unknown): number {
  if (e instanceof TfError) {
    for (const d of e.diagnostics) view.diagnostic(d);
    return 1;
  }
  view.diagnostic({
    severity: 'error',
    summary: 'Internal error in the terraform stand-in',
    detail: String((e as Error)?.stack ?? e),
  });
  return 1;
}
