/** What a resource type of the stand-in implements. */

export interface AttributeSchema {
  kind: 'string' | 'number' | 'bool' | 'map' | 'list' | 'any';
  required?: boolean;
  /** Set by the provider when not configured (ids, generated values). */
  computed?: boolean;
  /** A change replaces the resource instead of updating it in place. */
  forceNew?: boolean;
  default?: unknown;
  sensitive?: boolean;
}

export interface ResourceContext {
  /** The working directory: files a resource touches must stay inside it. */
  cwd: string;
  /** Aborted on the first interrupt: long operations stop and throw. */
  signal: AbortSignal;
  /** Called every few seconds by long operations, with seconds elapsed. */
  progress(elapsedSeconds: number): void;
}

export type Attributes = Record<string, unknown>;

export interface ResourceType {
  /** Short provider name, as in `implied_provider` ("random"). */
  provider: string;
  schema: Record<string, AttributeSchema>;
  /** Checks a configuration before planning; returns [attribute, message] on failure. */
  validate?(config: Attributes, cwd: string): [string, string] | undefined;
  /** Refresh: the current attributes, or null when the object is gone. */
  read?(
    prior: Attributes,
    ctx: { cwd: string },
  ): Attributes | null | Promise<Attributes | null>;
  create(config: Attributes, ctx: ResourceContext): Promise<Attributes>;
  update?(
    prior: Attributes,
    config: Attributes,
    ctx: ResourceContext,
  ): Promise<Attributes>;
  delete(prior: Attributes, ctx: ResourceContext): Promise<void>;
}

export class ResourceError extends Error {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly attribute?: string,
  ) {
    super(summary);
  }
}

/** Resolves after `ms`, or rejects as soon as the signal aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(
        new ResourceError(
          'Operation cancelled',
          'The operation was interrupted.',
        ),
      );
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(
        new ResourceError(
          'Operation cancelled',
          'The operation was interrupted.',
        ),
      );
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
