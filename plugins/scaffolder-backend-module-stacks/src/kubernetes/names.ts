import { InputError } from '@backstage/errors';

/** RFC 1123 label, as Kubernetes requires of namespace names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Throws an InputError naming `field` unless `value` is a valid namespace name. */
export function requireNamespaceName(value: string, field: string): string {
  if (!DNS_LABEL.test(value)) {
    throw new InputError(
      `${field} "${value}" is not a valid namespace name: use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
  return value;
}

/**
 * Kubernetes puts object names in URL paths, so it refuses "." and ".." and names containing "/" or
 * "%" for every kind; we refuse them before a request is built from them.
 */
export function requireObjectName(value: string, where: string): string {
  if (value === '.' || value === '..' || /[/%]/.test(value)) {
    throw new InputError(
      `${where}: metadata.name "${value}" may not be "." or ".." nor contain "/" or "%"`,
    );
  }
  return value;
}
