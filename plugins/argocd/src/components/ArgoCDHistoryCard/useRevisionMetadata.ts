import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ArgoCDRevisionMetadataResult,
  ArgoCDRevisionRef,
} from '@edp/plugin-argocd-common';
import { useEffect, useRef, useState } from 'react';
import { argocdApiRef } from '../../api/ArgoCDApi';

export const revisionKey = (r: ArgoCDRevisionRef) =>
  JSON.stringify([r.instance, r.namespace ?? '', r.app, r.revision]);

/**
 * Loads author/date/message for the revisions on screen only, in one request per page, and keeps
 * what it loaded: revisions never change, so polling never asks twice for the same one.
 */
export function useRevisionMetadata(
  entityRef: CompoundEntityRef,
  visible: ArgoCDRevisionRef[],
  limit: number,
) {
  const api = useApi(argocdApiRef);
  const [results, setResults] = useState<
    Map<string, ArgoCDRevisionMetadataResult>
  >(new Map());
  const requested = useRef(new Set<string>());
  const entityKey = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;

  const missing = visible.filter(r => !requested.current.has(revisionKey(r)));
  const unique = [
    ...new Map(missing.map(r => [revisionKey(r), r])).values(),
  ].slice(0, limit);
  const missingKey = unique.map(revisionKey).join('|');

  useEffect(() => {
    if (unique.length === 0) return;
    unique.forEach(r => requested.current.add(revisionKey(r)));
    api
      .getRevisionMetadata(entityRef, unique)
      .then(response => {
        setResults(previous => {
          const next = new Map(previous);
          response.revisions.forEach(r => next.set(revisionKey(r), r));
          return next;
        });
      })
      .catch(error => {
        setResults(previous => {
          const next = new Map(previous);
          unique.forEach(r =>
            next.set(revisionKey(r), {
              ...r,
              ok: false,
              error: (error as Error).message,
            }),
          );
          return next;
        });
      });
    // `missingKey` identifies `unique`; the entity and API are stable for a mounted card.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missingKey, entityKey, api]);

  return results;
}
