import type { Request } from 'express';
import { canSeeProject, type Principal } from './auth';
import { ArgoError } from './errors';
import {
  matchesLabels,
  parseLabelSelector,
  SelectorSyntaxError,
  type Requirement,
} from './labelSelector';
import type { Application } from './types';

/** The query parameters ArgoCD's list, get and watch calls share (`ApplicationQuery`). */
export interface ApplicationQuery {
  name?: string;
  selector: Requirement[];
  projects: string[];
  appNamespace?: string;
  repo?: string;
}

/** All values of a query parameter (repeated, `collectionFormat: multi`), as strings. */
export function queryValues(req: Request, name: string): string[] {
  const raw = req.query[name];
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  return values.filter((v): v is string => typeof v === 'string');
}

/** The last value of a single-valued query parameter. */
export function queryValue(req: Request, name: string): string | undefined {
  const values = queryValues(req, name);
  return values.length > 0 ? values[values.length - 1] : undefined;
}

/** Reads the shared query; a malformed selector is a 400 InvalidArgument naming the problem. */
export function parseApplicationQuery(req: Request): ApplicationQuery {
  let selector: Requirement[] = [];
  try {
    selector = parseLabelSelector(queryValue(req, 'selector') ?? '');
  } catch (e) {
    if (e instanceof SelectorSyntaxError)
      throw new ArgoError(
        'InvalidArgument',
        `error parsing the selector: ${e.message}`,
      );
    throw e;
  }
  const projects = [
    ...queryValues(req, 'projects'),
    ...queryValues(req, 'project'),
  ]
    .flatMap(p => p.split(','))
    .map(p => p.trim())
    .filter(Boolean);
  return {
    name: queryValue(req, 'name') || undefined,
    selector,
    projects,
    appNamespace: queryValue(req, 'appNamespace') || undefined,
    repo: queryValue(req, 'repo') || undefined,
  };
}

const sameRepo = (a: string, b: string) =>
  a.replace(/(\.git)?\/*$/, '').toLowerCase() ===
  b.replace(/(\.git)?\/*$/, '').toLowerCase();

/** True when the application matches the query and the principal may see it. */
export function matchesQuery(
  app: Application,
  query: ApplicationQuery,
  principal: Principal,
): boolean {
  if (!canSeeProject(principal, app.spec.project)) return false;
  if (query.name && app.metadata.name !== query.name) return false;
  if (query.appNamespace && app.metadata.namespace !== query.appNamespace)
    return false;
  if (
    query.projects.length > 0 &&
    !query.projects.includes(app.spec.project || 'default')
  )
    return false;
  if (query.repo) {
    const sources =
      app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);
    if (!sources.some(s => sameRepo(s.repoURL, query.repo!))) return false;
  }
  return matchesLabels(query.selector, app.metadata.labels);
}

/**
 * The Application as ArgoCD's API returns it: without apiVersion and kind, and without
 * managedFields, which ArgoCD's informers strip (Kubernetes-backed stores keep them).
 */
export function toApiApplication(app: Application): Application {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = app;
  if (!rest.metadata?.managedFields) return rest;
  const { managedFields: _managedFields, ...metadata } = rest.metadata;
  return { ...rest, metadata: metadata as Application['metadata'] };
}
