import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ArgoCDApplicationResourcesResponse,
  ArgoCDResourceDiffResponse,
  ArgoCDResourceRow,
} from '@edp/plugin-argocd-common';
import { useEffect, useRef, useState } from 'react';
import { argocdApiRef, type ArgoCDAppTarget } from '../../api/ArgoCDApi';
import { EventsTable } from './EventsTable';
import { ResourceDiff } from './ResourceDiff';
import { resourceKey, ResourcesTable } from './ResourcesTable';

type Loaded<T> = { value?: T; error?: Error };

/**
 * One opened application: its resources and events (one request, made when it is first opened),
 * and the diffs of its drifted resources (one more request, made when the first diff is opened).
 */
export function ApplicationResources(props: {
  entityRef: CompoundEntityRef;
  target: ArgoCDAppTarget;
}) {
  const { entityRef, target } = props;
  const api = useApi(argocdApiRef);
  const [view, setView] = useState<Loaded<ArgoCDApplicationResourcesResponse>>(
    {},
  );
  const [diffs, setDiffs] = useState<Loaded<ArgoCDResourceDiffResponse>>();
  const [open, setOpen] = useState<ArgoCDResourceRow[]>([]);
  const diffsRequested = useRef(false);

  useEffect(() => {
    let live = true;
    api.getResources(entityRef, target).then(
      value => live && setView({ value }),
      error => live && setView({ error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    api,
    entityRef.kind,
    entityRef.namespace,
    entityRef.name,
    target.instance,
    target.app,
    target.namespace,
  ]);

  const toggleDiff = (resource: ArgoCDResourceRow) => {
    const key = resourceKey(resource);
    setOpen(current =>
      current.some(r => resourceKey(r) === key)
        ? current.filter(r => resourceKey(r) !== key)
        : [...current, resource],
    );
    if (!diffsRequested.current) {
      diffsRequested.current = true;
      setDiffs({});
      api.getDiffs(entityRef, target).then(
        value => setDiffs({ value }),
        error => setDiffs({ error }),
      );
    }
  };

  if (view.error) return <ResponseErrorPanel error={view.error} />;
  if (!view.value) return <Progress />;
  const { resources, events, errors } = view.value;
  return (
    <div style={{ width: '100%' }}>
      {errors.map(e => (
        <WarningPanel
          key={e.part}
          severity="error"
          title={`ArgoCD could not give the ${
            e.part === 'tree' ? 'resource tree' : e.part
          } of ${target.app} on ${target.instance}`}
          message={e.message}
        />
      ))}
      <ResourcesTable
        resources={resources}
        openDiffs={new Set(open.map(resourceKey))}
        onToggleDiff={toggleDiff}
      />
      {open.map(resource => (
        <div key={resourceKey(resource)} style={{ marginTop: 8 }}>
          <strong>
            {resource.kind}/{resource.name}: desired vs live
          </strong>
          <ResourceDiff
            resource={resource}
            diffs={diffs?.value}
            error={diffs?.error}
          />
        </div>
      ))}
      <div style={{ marginTop: 16 }}>
        <EventsTable events={events} />
      </div>
    </div>
  );
}
