import type { Diagnostic } from './messages';

/** Who holds the state lock, read from Terraform's "Error acquiring the state lock" diagnostic. @public */
export interface LockHolder {
  id?: string;
  who?: string;
  operation?: string;
  created?: string;
  path?: string;
}

/** @public */
export function isLockDiagnostic(diagnostic: Diagnostic): boolean {
  return /acquiring the state lock/i.test(diagnostic.summary);
}

/** Reads the `Lock Info:` block (ID, Path, Operation, Who, Version, Created, Info). @public */
export function parseLockHolder(diagnostic: Diagnostic): LockHolder {
  const detail = diagnostic.detail ?? '';
  const field = (name: string) =>
    new RegExp(`^\\s*${name}:[ \\t]*(.*)$`, 'mi').exec(detail)?.[1]?.trim() ||
    undefined;
  return {
    id: field('ID'),
    who: field('Who'),
    operation: field('Operation'),
    created: field('Created'),
    path: field('Path'),
  };
}

/** @public */
export function describeLockHolder(holder: LockHolder, cli: string): string {
  const parts = [
    `the state is locked by ${holder.who ?? 'an unknown holder'}`,
    holder.operation && `for ${holder.operation}`,
    holder.created && `since ${holder.created}`,
    holder.id && `(lock ID ${holder.id})`,
  ].filter(Boolean);
  const unlock = holder.id
    ? ` If that run is gone, release it with \`${cli} force-unlock ${holder.id}\`, or raise lockTimeout to wait for it.`
    : '';
  return `${parts.join(' ')}.${unlock}`;
}
