import { formatMessage } from './formatMessage';
import { parseLockHolder, describeLockHolder } from './lockInfo';

describe('formatMessage', () => {
  it('writes one readable line per planned resource', () => {
    const line = (action: string) =>
      formatMessage({
        type: 'planned_change',
        change: { action, resource: { addr: 'local_file.hello' } },
      })?.text;
    expect(line('create')).toBe('+ create local_file.hello');
    expect(line('delete')).toBe('- delete local_file.hello');
    expect(line('replace')).toBe('-/+ replace local_file.hello');
    expect(line('noop')).toBeUndefined();
  });

  it('shows diagnostics as errors with file and line', () => {
    expect(
      formatMessage({
        type: 'diagnostic',
        diagnostic: {
          severity: 'error',
          summary: 'Unsupported argument',
          detail: 'An argument named "contents" is not expected here.',
          range: { filename: 'main.tf', start: { line: 8 } },
        },
      }),
    ).toEqual({
      level: 'error',
      text: 'Error: Unsupported argument (main.tf:8): An argument named "contents" is not expected here.',
    });
  });

  it('shows output values like Terraform does, except sensitive ones', () => {
    const line = formatMessage({
      type: 'outputs',
      outputs: {
        a: { sensitive: false, value: 'visible' },
        b: { sensitive: true, value: 'hidden' },
        c: { sensitive: false, value: { n: 1 } },
      },
    });
    expect(line?.text).toBe(
      'Outputs: a = "visible", b (sensitive value), c = {"n":1}',
    );
  });

  it('lists planned outputs by name (a plan has no values yet)', () => {
    const line = formatMessage({
      type: 'outputs',
      outputs: { a: { sensitive: false, action: 'create' } },
    });
    expect(line?.text).toBe('Outputs: a');
  });

  it('writes the change summary', () => {
    expect(
      formatMessage({
        type: 'change_summary',
        changes: { add: 2, change: 1, remove: 0, operation: 'plan' },
      })?.text,
    ).toBe('Plan: 2 to add, 1 to change, 0 to destroy.');
  });
});

describe('lock holder', () => {
  it('reads who holds the lock from the diagnostic', () => {
    const holder = parseLockHolder({
      severity: 'error',
      summary: 'Error acquiring the state lock',
      detail:
        'Error message: resource temporarily unavailable\nLock Info:\n  ID:        1234-abcd\n  Path:      terraform.tfstate\n  Operation: OperationTypeApply\n  Who:       alice@host\n  Version:   1.9.8\n  Created:   2026-01-01 00:00:00 +0000 UTC\n  Info:      \n',
    });
    expect(holder).toMatchObject({
      id: '1234-abcd',
      who: 'alice@host',
      operation: 'OperationTypeApply',
    });
    expect(describeLockHolder(holder, 'terraform')).toContain(
      'locked by alice@host for OperationTypeApply',
    );
  });
});
