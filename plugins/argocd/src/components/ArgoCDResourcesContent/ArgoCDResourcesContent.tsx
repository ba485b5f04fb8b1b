import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { ArgoCDApplicationSummary } from '@edp/plugin-argocd-common';
import { useState } from 'react';
import { useEntityPolledData } from '../../hooks/useEntityPolledData';
import { ApplicationResources } from './ApplicationResources';
import { ArgoStatus } from './HealthStatus';

const appKey = (a: { instance: string; name: string; namespace?: string }) =>
  `${a.instance}/${a.namespace ?? ''}/${a.name}`;

/** Unhealthy or drifted applications first, so the broken one is the first to open. */
function needsAttention(a: ArgoCDApplicationSummary) {
  return a.healthStatus !== 'Healthy' || a.syncStatus !== 'Synced' ? 0 : 1;
}

/**
 * The resources tab: the entity's applications per instance (the overview's answer, one request),
 * each opening into its resource tree, events and diffs, which are loaded only when opened. An
 * instance that failed is shown beside the others.
 * @public
 */
export function ArgoCDResourcesContent() {
  const { value, error, loading, entityRef } = useEntityPolledData((api, ref) =>
    api.getOverview(ref),
  );
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  let body;
  if (!value && loading) body = <Progress />;
  else if (!value && error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    const apps = value.rows
      .flatMap(r => (r.type === 'application' ? [r] : []))
      .sort((a, b) => needsAttention(a) - needsAttention(b));
    const failures = value.rows.flatMap(r => (r.type === 'error' ? [r] : []));
    body = (
      <>
        {failures.map(f => (
          <WarningPanel
            key={f.instance}
            severity="error"
            title={`ArgoCD instance ${f.instance} did not answer`}
            message={f.message}
          />
        ))}
        {apps.length === 0 && failures.length === 0 && (
          <EmptyState
            missing="data"
            title="No ArgoCD applications"
            description="No ArgoCD instance has an application for this entity."
          />
        )}
        {apps.map(app => {
          const key = appKey(app);
          const isOpen = expanded.has(key);
          return (
            <Accordion
              key={key}
              expanded={isOpen}
              TransitionProps={{ unmountOnExit: true }}
              onChange={(_, open) =>
                setExpanded(current => {
                  const next = new Set(current);
                  if (open) next.add(key);
                  else next.delete(key);
                  return next;
                })
              }
              data-testid={`argocd-resources-${app.instance}-${app.name}`}
            >
              <AccordionSummary
                expandIcon={<ExpandMoreIcon />}
                aria-label={`Resources of ${app.name} on ${app.instance}`}
              >
                <Typography style={{ flexBasis: '40%' }}>
                  <strong>{app.name}</strong> on {app.instance}
                </Typography>
                <ArgoStatus status={app.syncStatus} />
                &nbsp;&nbsp;
                <ArgoStatus status={app.healthStatus} />
              </AccordionSummary>
              <AccordionDetails>
                {isOpen && (
                  <ApplicationResources
                    entityRef={entityRef}
                    target={{
                      instance: app.instance,
                      app: app.name,
                      namespace: app.namespace,
                    }}
                  />
                )}
              </AccordionDetails>
            </Accordion>
          );
        })}
      </>
    );
  }
  return <Content noPadding>{body}</Content>;
}
