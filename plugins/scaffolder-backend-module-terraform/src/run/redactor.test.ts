import { Redactor, REDACTED } from '@edp/plugin-terraform-node';
import { maskOutputs, maskPlan, SENSITIVE_MASK } from './sensitive';

describe('Redactor', () => {
  it('replaces every known secret, longest first, also JSON-escaped and per line', () => {
    const r = new Redactor();
    r.add({ a: 'hunter2', b: ['p"ss\\word'], c: 'line-one\nline-two' });
    expect(r.redact('pw=hunter2 x')).toBe(`pw=${REDACTED} x`);
    expect(r.redact('{"v":"p\\"ss\\\\word"}')).toBe(`{"v":"${REDACTED}"}`);
    expect(r.redact('got line-two')).toBe(`got ${REDACTED}`);
    expect(r.redactDeep({ k: ['hunter2!'] })).toEqual({ k: [`${REDACTED}!`] });
  });

  it('ignores values too short to be secrets', () => {
    const r = new Redactor();
    r.add(['', 'a', true as any]);
    expect(r.redact('a true story')).toBe('a true story');
  });
});

describe('masking', () => {
  it('masks sensitive attributes, outputs and variables of a plan', () => {
    const { plan, sensitiveValues } = maskPlan({
      variables: { token: { value: 'tok-123' }, name: { value: 'demo' } },
      configuration: {
        root_module: { variables: { token: { sensitive: true } } },
      },
      resource_changes: [
        {
          address: 'x.y',
          change: {
            actions: ['create'],
            after: { content: 'tok-123', f: 'a' },
            after_sensitive: { content: true },
          },
        },
      ],
      planned_values: {
        outputs: { token: { sensitive: true, value: 'tok-123' } },
      },
    } as any);
    expect(JSON.stringify(plan)).not.toContain('tok-123');
    expect((plan as any).variables.name.value).toBe('demo');
    expect((plan as any).resource_changes[0].change.after).toEqual({
      content: SENSITIVE_MASK,
      f: 'a',
    });
    expect(sensitiveValues).toContain('tok-123');
  });

  it('masks sensitive outputs', () => {
    expect(
      maskOutputs({
        a: { sensitive: false, value: 1 },
        b: { sensitive: true, value: 'x' },
      } as any),
    ).toEqual({
      outputs: { a: 1, b: SENSITIVE_MASK },
      sensitiveValues: ['x'],
      sensitiveNames: ['b'],
    });
  });
});
