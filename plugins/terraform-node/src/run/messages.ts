/**
 * Types of Terraform's machine-readable UI (`-json`), the subset the action reads.
 * See https://developer.hashicorp.com/terraform/internals/machine-readable-ui
 * @public
 */
export interface ResourceAddr {
  addr: string;
  resource_type?: string;
  resource_name?: string;
}

/** @public */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start: { line: number; column?: number } };
}

/** @public */
export interface ChangeCounts {
  add: number;
  change: number;
  remove: number;
  import?: number;
  operation?: 'plan' | 'apply' | 'destroy';
}

/** @public */
export interface UiMessage {
  '@level'?: string;
  '@message'?: string;
  '@timestamp'?: string;
  type?: string;
  diagnostic?: Diagnostic;
  change?: {
    resource: ResourceAddr;
    previous_resource?: ResourceAddr;
    action: string;
    reason?: string;
  };
  changes?: ChangeCounts;
  hook?: {
    resource: ResourceAddr;
    action?: string;
    elapsed_seconds?: number;
    id_key?: string;
    id_value?: string;
  };
  outputs?: Record<
    string,
    { sensitive?: boolean; type?: unknown; action?: string; value?: unknown }
  >;
}

/** One parsed stdout line: a UI message, or plain text (init without -json, stack traces). @public */
export function parseLine(line: string): UiMessage | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}
