/** The default human-readable view, close to Terraform's own wording (without colours). */
import { type Diagnostic, withSnippet } from '../diagnostics';
import type {
  ChangeCounts,
  InstanceAddr,
  OutputChange,
  ResourceChange,
} from '../engine/types';
import type { Flavor } from '../flavor';
import { renderValue, UNKNOWN } from '../hcl/values';
import {
  hookMessage,
  INTERRUPT_MESSAGE,
  type HookAction,
  type Operation,
  type OutputValue,
  summaryMessage,
  type View,
} from './view';

const SYMBOL: Record<string, string> = {
  create: '+',
  update: '~',
  delete: '-',
  replace: '-/+',
};
const LEGEND: Record<string, string> = {
  update: 'update in-place',
  replace: 'destroy and then create replacement',
};
const OUTPUT_SYMBOL: Record<string, string> = {
  create: '+',
  delete: '-',
  update: '~',
  'no-op': ' ',
};
const WILL: Record<string, string> = {
  create: 'will be created',
  update: 'will be updated in-place',
  delete: 'will be destroyed',
  replace: 'must be replaced',
};

function renderAttributes(change: ResourceChange, symbol: string): string[] {
  const attrs =
    change.action === 'delete' ? change.before ?? {} : change.after ?? {};
  const keys = Object.keys(attrs)
    .filter(k => attrs[k] !== null && attrs[k] !== undefined)
    .sort();
  const width = Math.max(0, ...keys.map(k => k.length));
  return keys.map(k => {
    const v = change.sensitive.includes(k)
      ? '(sensitive value)'
      : renderValue(attrs[k], '      ');
    const before = change.before?.[k];
    const mark =
      change.action === 'update' &&
      JSON.stringify(before) !== JSON.stringify(attrs[k])
        ? '~'
        : symbol;
    return `      ${mark} ${k.padEnd(width)} = ${v}`;
  });
}

export class HumanView implements View {
  readonly json = false;
  constructor(
    private readonly flavor: Flavor,
    private readonly out: (text: string) => void,
    private readonly err: (text: string) => void,
    /** The working directory, to quote source lines in diagnostics. */
    private readonly cwd = process.cwd(),
  ) {}

  start() {}

  log(message: string) {
    this.out(`${message}\n`);
  }

  diagnostic(diag: Diagnostic) {
    const d = withSnippet(diag, this.cwd);
    const lines = [
      `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`,
      '',
    ];
    if (d.address) lines.push(`  with ${d.address},`);
    if (d.range) {
      const where = d.snippet?.context ? `, in ${d.snippet.context}` : '';
      lines.push(
        `  on ${d.range.filename} line ${d.range.start.line}${where}:`,
      );
      if (d.snippet)
        lines.push(
          `  ${String(d.snippet.start_line).padStart(3)}: ${d.snippet.code}`,
        );
      lines.push('');
    } else if (d.address) lines.push('');
    if (d.detail) lines.push(...d.detail.split('\n'));
    const text = `╷\n${lines.map(l => `│ ${l}`).join('\n')}\n╵\n`;
    (d.severity === 'error' ? this.err : this.out)(text);
  }

  refreshStart(addr: InstanceAddr, _provider: string, id: string) {
    this.out(`${addr.addr}: Refreshing state... [id=${id}]\n`);
  }

  refreshComplete() {}

  resourceDrift(
    addr: InstanceAddr,
    _provider: string,
    action: 'delete' | 'update',
  ) {
    this.out(
      `\nNote: Objects have changed outside of ${this.flavor.product}: ${
        addr.addr
      } has been ${action === 'delete' ? 'deleted' : 'changed'}.\n`,
    );
  }

  refreshOnlySummary(drifted: number) {
    this.out(
      drifted
        ? `\nThis is a refresh-only plan, so ${this.flavor.product} will not take any actions to undo these.\nIf you were expecting these changes then you can apply this plan to record the updated values\nin the ${this.flavor.product} state without changing any remote objects.\n`
        : `\nNo changes. Your infrastructure still matches the configuration.\n`,
    );
  }

  plan(
    changes: ResourceChange[],
    outputs: OutputChange[],
    counts: ChangeCounts,
    operation: Operation,
  ) {
    const real = changes.filter(c => c.action !== 'no-op');
    const outs = outputs.filter(o => o.action !== 'no-op');
    if (!real.length && !outs.length) {
      this.out(
        `\nNo changes. Your infrastructure matches the configuration.\n\n${this.flavor.product} has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n`,
      );
      return;
    }
    const lines: string[] = [''];
    if (real.length) {
      lines.push(
        `${this.flavor.product} used the selected providers to generate the following execution`,
        'plan. Resource actions are indicated with the following symbols:',
        ...[...new Set(real.map(c => c.action))].map(
          a => `  ${SYMBOL[a]} ${LEGEND[a] ?? a}`,
        ),
        '',
        `${this.flavor.product} will perform the following actions:`,
        '',
      );
      for (const c of real) {
        const symbol = SYMBOL[c.action];
        lines.push(`  # ${c.addr.addr} ${WILL[c.action]}`);
        lines.push(
          `  ${symbol.padStart(3).trimStart()} resource "${c.addr.type}" "${
            c.addr.name
          }" {`,
        );
        lines.push(
          ...renderAttributes(c, symbol === '-/+' ? '+' : symbol),
          '    }',
          '',
        );
      }
      lines.push(
        operation === 'destroy'
          ? summaryMessage(counts, 'plan')
          : summaryMessage(counts, 'plan'),
      );
    }
    if (outs.length) {
      lines.push('', 'Changes to Outputs:');
      for (const o of outs) {
        const v = o.sensitive
          ? '(sensitive value)'
          : renderValue(
              o.action === 'delete' ? o.before : o.after ?? UNKNOWN,
              '    ',
            );
        lines.push(`  ${OUTPUT_SYMBOL[o.action]} ${o.name} = ${v}`);
      }
    }
    this.out(`${lines.join('\n')}\n`);
  }

  applyStart(addr: InstanceAddr, _p: string, action: HookAction, id?: string) {
    this.out(`${hookMessage(0, addr.addr, action, 0, id)}\n`);
  }

  applyProgress(
    addr: InstanceAddr,
    _p: string,
    action: HookAction,
    elapsed: number,
  ) {
    this.out(`${hookMessage(1, addr.addr, action, elapsed)}\n`);
  }

  applyComplete(
    addr: InstanceAddr,
    _p: string,
    action: HookAction,
    elapsed: number,
    id?: string,
  ) {
    this.out(`${hookMessage(2, addr.addr, action, elapsed, id)}\n`);
  }

  applyErrored() {}

  applySummary(counts: ChangeCounts, operation: 'apply' | 'destroy') {
    this.out(`\n${summaryMessage(counts, operation)}\n`);
  }

  outputs(outputs: Record<string, OutputValue>) {
    const entries = Object.entries(outputs);
    if (!entries.length) return;
    const lines = ['', 'Outputs:', ''];
    for (const [k, o] of entries)
      lines.push(
        `${k} = ${o.sensitive ? '<sensitive>' : renderValue(o.value)}`,
      );
    this.out(`${lines.join('\n')}\n`);
  }

  interrupted() {
    this.err(
      `\n${INTERRUPT_MESSAGE.replace(/Terraform/g, this.flavor.product)}\n`,
    );
  }
}
