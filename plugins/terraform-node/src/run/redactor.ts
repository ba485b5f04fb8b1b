/** What replaces a secret value in log lines, errors and step outputs. @public */
export const REDACTED = '***';

/** Values shorter than this are not redacted: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 3;

/**
 * Every log line of a run passes through one Redactor that knows all secret values
 * seen so far: task secrets, sensitive variables, sensitive outputs and attributes.
 * @public
 */
export class Redactor {
  #secrets = new Set<string>();
  #pattern: RegExp | undefined;

  /** Adds a value (strings inside objects and arrays too). */
  add(value: unknown): void {
    const before = this.#secrets.size;
    this.#collect(value);
    if (this.#secrets.size !== before) this.#pattern = undefined;
  }

  #collect(value: unknown): void {
    if (typeof value === 'string') {
      this.#addString(value);
    } else if (typeof value === 'number') {
      // Long numbers can be secret (PINs, account ids); booleans never are worth blanking "true".
      this.#addString(String(value));
    } else if (Array.isArray(value)) {
      value.forEach(v => this.#collect(v));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(v => this.#collect(v));
    }
  }

  #addString(value: string): void {
    const variants = [value, JSON.stringify(value).slice(1, -1)];
    // A multi-line secret (a key file) can show up one line at a time.
    if (value.includes('\n'))
      variants.push(...value.split(/\r?\n/).map(l => l.trim()));
    for (const v of variants) {
      if (v.length >= MIN_SECRET_LENGTH) this.#secrets.add(v);
    }
  }

  redact(text: string): string {
    if (this.#secrets.size === 0) return text;
    if (!this.#pattern) {
      const escaped = [...this.#secrets]
        .sort((a, b) => b.length - a.length)
        .map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.#pattern = new RegExp(escaped.join('|'), 'g');
    }
    return text.replace(this.#pattern, REDACTED);
  }

  /** Copy of a JSON value with every secret substring replaced, for step outputs. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map(v => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)]),
      ) as T;
    }
    return value;
  }
}
