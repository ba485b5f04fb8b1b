import type { ChangeCounts, Diagnostic, UiMessage } from './messages';

/** @public */
export type LogLevel = 'info' | 'warn' | 'error';

/** @public */
export interface LogLine {
  level: LogLevel;
  text: string;
}

const PLAN_SYMBOLS: Record<string, string> = {
  create: '+',
  update: '~',
  delete: '-',
  replace: '-/+',
  read: '<=',
  move: '->',
  import: '<-',
  remove: '.',
  forget: '.',
};

function levelOf(message: UiMessage): LogLevel {
  if (message['@level'] === 'error') return 'error';
  if (message['@level'] === 'warn') return 'warn';
  return 'info';
}

/** `Error: Unsupported argument (main.tf:12): An argument named "x" is not expected here.` @public */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const title = diagnostic.severity === 'error' ? 'Error' : 'Warning';
  const where = diagnostic.range
    ? ` (${diagnostic.range.filename}:${diagnostic.range.start.line})`
    : '';
  const address = diagnostic.address ? ` [${diagnostic.address}]` : '';
  const detail = diagnostic.detail ? `: ${diagnostic.detail.trim()}` : '';
  return `${title}: ${diagnostic.summary}${where}${address}${detail}`;
}

/** @public */
export function formatChangeSummary(changes: ChangeCounts): string {
  if (changes.operation === 'apply') {
    return `Apply complete! Resources: ${changes.add} added, ${changes.change} changed, ${changes.remove} destroyed.`;
  }
  if (changes.operation === 'destroy') {
    return `Destroy complete! Resources: ${changes.remove} destroyed.`;
  }
  return `Plan: ${changes.add} to add, ${changes.change} to change, ${changes.remove} to destroy.`;
}

/**
 * `name = "value"` like Terraform's own apply output, so the log shows what was created.
 * Sensitive outputs show only their name; a plan's outputs have no value yet (name only).
 */
function formatOutput(
  name: string,
  output: { sensitive?: boolean; value?: unknown },
): string {
  if (output.sensitive) return `${name} (sensitive value)`;
  if (output.value === undefined) return name;
  return `${name} = ${JSON.stringify(output.value)}`;
}

/**
 * Turns one `-json` UI message into a readable log line, or undefined to skip it.
 * Sensitive output values are never part of a line (and every line is redacted afterwards).
 * @public
 */
export function formatMessage(message: UiMessage): LogLine | undefined {
  switch (message.type) {
    case 'version':
      return undefined; // the action's own first line already names the CLI and its version
    case 'diagnostic':
      if (!message.diagnostic) break;
      return {
        level: message.diagnostic.severity === 'error' ? 'error' : 'warn',
        text: formatDiagnostic(message.diagnostic),
      };
    case 'planned_change': {
      if (!message.change) break;
      const { action, resource, previous_resource } = message.change;
      if (action === 'noop') return undefined;
      const from = previous_resource ? `${previous_resource.addr} -> ` : '';
      return {
        level: 'info',
        text: `${PLAN_SYMBOLS[action] ?? '?'} ${action} ${from}${
          resource.addr
        }`,
      };
    }
    case 'resource_drift':
      if (!message.change) break;
      return {
        level: 'info',
        text: `~ ${message.change.resource.addr} changed outside of Terraform (${message.change.action})`,
      };
    case 'change_summary':
      if (!message.changes) break;
      return { level: 'info', text: formatChangeSummary(message.changes) };
    case 'outputs': {
      const parts = Object.entries(message.outputs ?? {}).map(([name, o]) =>
        formatOutput(name, o),
      );
      return parts.length
        ? { level: 'info', text: `Outputs: ${parts.join(', ')}` }
        : undefined;
    }
    case 'apply_errored':
      return {
        level: 'error',
        text: message['@message'] ?? `${message.hook?.resource.addr}: failed`,
      };
    default:
      break;
  }
  const text = message['@message'];
  if (!text || message['@level'] === 'trace' || message['@level'] === 'debug') {
    return undefined;
  }
  return { level: levelOf(message), text };
}
