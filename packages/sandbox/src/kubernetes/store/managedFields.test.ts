import { KubeApiError } from '../api/errors';
import { fromFieldsV1 } from './fieldPaths';
import { recordUpdate, serverSideApply } from './managedFields';

const options = {
  force: false,
  skipStatus: true,
  apiVersion: 'apps/v1',
  plural: 'deployments',
  group: 'apps',
};
const deploy = (
  spec: Record<string, unknown>,
  labels?: Record<string, string>,
) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...(labels ? { labels } : {}) },
  spec,
});
const owners = (obj: any) =>
  Object.fromEntries(
    obj.metadata.managedFields.map((m: any) => [
      `${m.manager}/${m.operation}`,
      fromFieldsV1(m.fieldsV1)
        .map(p => p.join('.'))
        .sort(),
    ]),
  );

describe('server-side apply field ownership', () => {
  it('records what each manager applied, and shares fields applied with the same value', () => {
    const a = serverSideApply(
      undefined,
      deploy({ replicas: 2, paused: false }, { app: 'web' }),
      'a',
      options,
    );
    const b = serverSideApply(
      a,
      deploy({ replicas: 2 }, { team: 'x' }),
      'b',
      options,
    );
    expect(b.metadata.labels).toEqual({ app: 'web', team: 'x' });
    expect(owners(b)).toEqual({
      'a/Apply': ['metadata.labels.app', 'spec.paused', 'spec.replicas'],
      'b/Apply': ['metadata.labels.team', 'spec.replicas'],
    });
  });

  it('refuses a different value for a field another manager owns, unless forced', () => {
    const a = serverSideApply(undefined, deploy({ replicas: 2 }), 'a', options);
    let conflict: KubeApiError | undefined;
    try {
      serverSideApply(a, deploy({ replicas: 5 }), 'b', options);
    } catch (e) {
      conflict = e as KubeApiError;
    }
    expect(conflict?.code).toBe(409);
    expect(conflict?.message).toBe(
      'Apply failed with 1 conflict: conflict with "a" using apps/v1: .spec.replicas',
    );
    const forced = serverSideApply(a, deploy({ replicas: 5 }), 'b', {
      ...options,
      force: true,
    });
    expect(forced.spec.replicas).toBe(5);
    expect(owners(forced)).toEqual({ 'b/Apply': ['spec.replicas'] });
  });

  it('conflicts with fields an update (not an apply) changed', () => {
    const a = serverSideApply(undefined, deploy({ replicas: 2 }), 'a', options);
    const edited = { ...a, spec: { replicas: 3 } };
    recordUpdate(a, edited, 'kubectl-edit', 'apps/v1', { skipStatus: true });
    expect(owners(edited)).toEqual({
      'kubectl-edit/Update': ['spec.replicas'],
    });
    expect(() =>
      serverSideApply(edited, deploy({ replicas: 2 }), 'a', options),
    ).toThrow('conflict with "kubectl-edit"');
  });

  it('removes fields a manager stops applying, unless someone else owns them', () => {
    const a = serverSideApply(
      undefined,
      deploy({ replicas: 2, paused: true }, { app: 'web' }),
      'a',
      options,
    );
    // b co-owns the label (same value) and owns the (empty) spec map, not what is inside it.
    const b = serverSideApply(a, deploy({}, { app: 'web' }), 'b', options);
    expect(b.spec).toEqual({ replicas: 2, paused: true });
    const again = serverSideApply(b, deploy({ replicas: 2 }), 'a', options);
    expect(again.spec).toEqual({ replicas: 2 });
    expect(again.metadata.labels).toEqual({ app: 'web' });
  });
});
