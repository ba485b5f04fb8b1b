/** The `-json` view: one JSON object per line, in Terraform's machine-readable UI format (ui 1.2). */
import { type Diagnostic, withSnippet } from '../diagnostics';
import type {
  ChangeCounts,
  InstanceAddr,
  OutputChange,
  ResourceChange,
} from '../engine/types';
import type { Flavor } from '../flavor';
import {
  hookMessage,
  INTERRUPT_MESSAGE,
  type HookAction,
  type Operation,
  type OutputValue,
  summaryMessage,
  type View,
} from './view';

/** Terraform's timestamp: RFC 3339 with microseconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/Z$/, '000Z');
}

function resourceInfo(addr: InstanceAddr, provider: string) {
  return {
    addr: addr.addr,
    module: '',
    resource: addr.addr,
    implied_provider: provider,
    resource_type: addr.type,
    resource_name: addr.name,
    resource_key: addr.key,
  };
}

const PLAN_ACTION: Record<string, string> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  replace: 'replace',
};

export class JsonView implements View {
  readonly json = true;
  constructor(
    private readonly flavor: Flavor,
    private readonly write: (line: string) => void,
    /** The working directory, to quote source lines in diagnostics. */
    private readonly cwd = process.cwd(),
  ) {}

  private emit(
    level: string,
    message: string,
    type: string,
    extra: Record<string, unknown> = {},
  ) {
    this.write(
      `${JSON.stringify({
        '@level': level,
        '@message': message,
        '@module': `${this.flavor.command}.ui`,
        '@timestamp': timestamp(),
        ...extra,
        type,
      })}\n`,
    );
  }

  start() {
    const v = this.flavor.version;
    this.emit('info', `${this.flavor.product} ${v}`, 'version', {
      [this.flavor.command === 'tofu' ? 'tofu' : 'terraform']: v,
      ui: '1.2',
    });
  }

  log(message: string, level: 'info' | 'warn' | 'error' = 'info') {
    this.emit(level, message, 'log');
  }

  diagnostic(diag: Diagnostic) {
    const d = withSnippet(diag, this.cwd);
    const diagnostic: Record<string, unknown> = {
      severity: d.severity,
      summary: d.summary,
      detail: d.detail,
    };
    if (d.address) diagnostic.address = d.address;
    if (d.range) diagnostic.range = d.range;
    if (d.snippet) diagnostic.snippet = d.snippet;
    this.emit(
      d.severity === 'error' ? 'error' : 'warn',
      `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`,
      'diagnostic',
      { diagnostic },
    );
  }

  refreshStart(addr: InstanceAddr, provider: string, id: string) {
    this.emit(
      'info',
      `${addr.addr}: Refreshing state... [id=${id}]`,
      'refresh_start',
      {
        hook: {
          resource: resourceInfo(addr, provider),
          id_key: 'id',
          id_value: id,
        },
      },
    );
  }

  refreshComplete(addr: InstanceAddr, provider: string, id: string) {
    this.emit(
      'info',
      `${addr.addr}: Refresh complete [id=${id}]`,
      'refresh_complete',
      {
        hook: {
          resource: resourceInfo(addr, provider),
          id_key: 'id',
          id_value: id,
        },
      },
    );
  }

  resourceDrift(
    addr: InstanceAddr,
    provider: string,
    action: 'delete' | 'update',
  ) {
    this.emit(
      'info',
      `${addr.addr}: Drift detected (${action})`,
      'resource_drift',
      {
        change: { resource: resourceInfo(addr, provider), action },
      },
    );
  }

  refreshOnlySummary(_drifted: number) {
    // Like Terraform: a refresh-only plan proposes no actions.
    this.emit(
      'info',
      'Plan: 0 to add, 0 to change, 0 to destroy.',
      'change_summary',
      {
        changes: { add: 0, change: 0, import: 0, remove: 0, operation: 'plan' },
      },
    );
  }

  plan(
    changes: ResourceChange[],
    outputs: OutputChange[],
    counts: ChangeCounts,
    operation: Operation,
  ) {
    for (const c of changes) {
      if (c.action === 'no-op') continue;
      const verb = {
        create: 'create',
        update: 'update in-place',
        delete: 'delete',
        replace: 'replace',
      }[c.action];
      const change: Record<string, unknown> = {
        resource: resourceInfo(c.addr, c.provider),
        action: PLAN_ACTION[c.action],
      };
      if (c.reason) change.reason = c.reason;
      this.emit('info', `${c.addr.addr}: Plan to ${verb}`, 'planned_change', {
        change,
      });
    }
    this.emit('info', summaryMessage(counts, 'plan'), 'change_summary', {
      changes: { ...counts, operation },
    });
    const changed = outputs.filter(o => o.action !== 'no-op');
    if (changed.length) {
      const body = Object.fromEntries(
        changed.map(o => [
          o.name,
          { sensitive: o.sensitive, action: o.action },
        ]),
      );
      this.emit('info', `Outputs: ${changed.length}`, 'outputs', {
        outputs: body,
      });
    }
  }

  applyStart(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    id?: string,
  ) {
    const hook: Record<string, unknown> = {
      resource: resourceInfo(addr, provider),
      action,
    };
    if (id !== undefined) Object.assign(hook, { id_key: 'id', id_value: id });
    this.emit('info', hookMessage(0, addr.addr, action, 0, id), 'apply_start', {
      hook,
    });
  }

  applyProgress(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    elapsed: number,
  ) {
    this.emit(
      'info',
      hookMessage(1, addr.addr, action, elapsed),
      'apply_progress',
      {
        hook: {
          resource: resourceInfo(addr, provider),
          action,
          elapsed_seconds: elapsed,
        },
      },
    );
  }

  applyComplete(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    elapsed: number,
    id?: string,
  ) {
    const hook: Record<string, unknown> = {
      resource: resourceInfo(addr, provider),
      action,
      elapsed_seconds: elapsed,
    };
    if (id !== undefined) Object.assign(hook, { id_key: 'id', id_value: id });
    this.emit(
      'info',
      hookMessage(2, addr.addr, action, elapsed, id),
      'apply_complete',
      { hook },
    );
  }

  applyErrored(
    addr: InstanceAddr,
    provider: string,
    action: HookAction,
    elapsed: number,
  ) {
    this.emit(
      'error',
      hookMessage(3, addr.addr, action, elapsed),
      'apply_errored',
      {
        hook: {
          resource: resourceInfo(addr, provider),
          action,
          elapsed_seconds: elapsed,
        },
      },
    );
  }

  applySummary(counts: ChangeCounts, operation: 'apply' | 'destroy') {
    this.emit('info', summaryMessage(counts, operation), 'change_summary', {
      changes: { ...counts, operation },
    });
  }

  outputs(outputs: Record<string, OutputValue>) {
    // Sensitive values are left out of the stream, as Terraform does; `output -json` has them.
    const body = Object.fromEntries(
      Object.entries(outputs).map(([k, o]) => [
        k,
        o.sensitive
          ? { sensitive: true, type: o.type }
          : { sensitive: false, type: o.type, value: o.value },
      ]),
    );
    this.emit('info', `Outputs: ${Object.keys(outputs).length}`, 'outputs', {
      outputs: body,
    });
  }

  interrupted() {
    this.log(
      INTERRUPT_MESSAGE.replace(/\n/g, ' ').replace(
        /Terraform/g,
        this.flavor.product,
      ),
      'warn',
    );
  }
}
