import { ArgoError } from './errors';
import type { ArgoCdInstance } from './instance';
import {
  IN_CLUSTER_SERVER,
  type ArgoCdObjectStore,
  type Cluster,
} from './objectStore';
import {
  isDestinationPermitted,
  isSourcePermitted,
  type AppProject,
} from './projects';
import { repositoryProblem } from './repoAccess';
import type { Application, ApplicationSource } from './types';

/** Registered clusters plus the in-cluster one (`in-cluster`), unless a registered one replaces it. */
export async function knownClusters(
  instance: Pick<ArgoCdInstance, 'objects'>,
): Promise<Cluster[]> {
  const registered = await instance.objects.listClusters();
  return registered.some(c => c.server === IN_CLUSTER_SERVER)
    ? registered
    : [{ server: IN_CLUSTER_SERVER, name: 'in-cluster' }, ...registered];
}

const sourcesOf = (app: Application): ApplicationSource[] =>
  app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);

/** `argo.ValidatePermissions`: the conditions (InvalidSpecError messages) the app breaks in its project. */
async function permissionProblems(
  instance: Pick<ArgoCdInstance, 'objects'>,
  app: Application,
  project: AppProject,
): Promise<string[]> {
  const sources = sourcesOf(app);
  if (
    sources.length === 0 ||
    sources.some(s => !s.repoURL || (!s.path && !s.chart && !app.spec.sources))
  )
    return [
      'spec.source.repoURL and spec.source.path either spec.source.chart are required',
    ];
  const problems: string[] = [];
  for (const source of sources)
    if (!isSourcePermitted(project, source))
      problems.push(
        `application repo ${source.repoURL} is not permitted in project '${app.spec.project}'`,
      );
  const destination = { ...app.spec.destination };
  const clusters = await knownClusters(instance);
  if (destination.name) {
    if (destination.server)
      return [
        ...problems,
        `application destination can't have both name and server defined: ${destination.name} ${destination.server}`,
      ];
    const byName = clusters.find(c => c.name === destination.name);
    if (!byName)
      return [
        ...problems,
        `application references destination cluster ${destination.name} which does not exist`,
      ];
    destination.server = byName.server;
  }
  if (!destination.server)
    return [...problems, 'Destination server missing from app spec'];
  if (!isDestinationPermitted(project, destination))
    problems.push(
      `application destination server '${destination.server}' and namespace '${
        destination.namespace ?? ''
      }' do not match any of the allowed destinations in project '${
        app.spec.project
      }'`,
    );
  if (!clusters.some(c => c.server === destination.server))
    problems.push(`cluster '${destination.server}' has not been configured`);
  return problems;
}

const invalidSpec = (app: Application, problems: string[]) =>
  new ArgoError(
    'InvalidArgument',
    `application spec for ${app.metadata.name} is invalid: ${problems
      .map(p => `InvalidSpecError: ${p}`)
      .join(';')}`,
  );

/** The app's project, or ArgoCD 3's deliberately vague error when it does not exist. */
export async function projectOf(
  instance: ArgoCdInstance,
  app: Application,
): Promise<AppProject> {
  const name = app.spec.project || 'default';
  const project = await instance.objects.getProject(name);
  if (!project)
    throw new ArgoError(
      'InvalidArgument',
      `app is not allowed in project "${name}", or the project does not exist`,
    );
  return project;
}

/**
 * What ArgoCD's API server checks before it creates or updates an Application
 * (`validateAndNormalizeApp`): the project exists, every source repository is reachable
 * (`argo.ValidateRepo`), and the project permits the sources and the destination, which must be
 * a configured cluster (`argo.ValidatePermissions`). Throws ArgoCD's 400 with its texts.
 */
export async function validateApplication(
  instance: ArgoCdInstance,
  app: Application,
  options: { checkRepository: boolean } = { checkRepository: true },
): Promise<void> {
  const project = await projectOf(instance, app);
  if (options.checkRepository) await checkRepositories(instance, app);
  const problems = await permissionProblems(instance, app, project);
  if (problems.length > 0) throw invalidSpec(app, problems);
}

/** `argo.ValidateRepo`: every source repository answers (skipped with `?validate=false`). */
async function checkRepositories(instance: ArgoCdInstance, app: Application) {
  const registered = await instance.objects.listRepositories();
  const knownRepositories = instance.catalog.repositories().map(r => r.url);
  for (const source of sourcesOf(app)) {
    if (!source.repoURL) continue;
    const problem = await repositoryProblem({
      repoURL: source.repoURL,
      knownRepositories,
      registered,
      fallback: instance.settings.git,
    });
    if (problem)
      throw invalidSpec(app, [`repository not accessible: ${problem}`]);
  }
}

/**
 * What a sync checks: the project still exists and still permits the app's sources and
 * destination (a project may have been narrowed since the app was created).
 */
export async function validateSync(
  instance: ArgoCdInstance,
  app: Application,
): Promise<void> {
  const project = await instance.objects.getProject(
    app.spec.project || 'default',
  );
  if (!project)
    throw new ArgoError(
      'InvalidArgument',
      `application references project ${app.spec.project} which does not exist`,
    );
  const problems = await permissionProblems(instance, app, project);
  if (problems.length > 0) throw invalidSpec(app, problems);
}

/** `status.conditions` entry as ArgoCD's controller writes it. */
export interface SpecCondition {
  type: 'InvalidSpecError';
  message: string;
}

/**
 * What ArgoCD's application controller finds wrong with an Application however it was created
 * (`refreshAppConditions`): a missing project, or what `argo.ValidatePermissions` says about its
 * sources and destination. The controller records these as InvalidSpecError conditions (sync and
 * health Unknown) instead of refusing, since an Application written straight to Kubernetes never
 * went through the API server's checks. Empty when the spec is valid.
 */
export async function specConditions(
  objects: ArgoCdObjectStore,
  app: Application,
): Promise<SpecCondition[]> {
  const project = await objects.getProject(app.spec.project || 'default');
  if (!project)
    return [
      {
        type: 'InvalidSpecError',
        message: `Application referencing project ${app.spec.project} which does not exist`,
      },
    ];
  return (await permissionProblems({ objects }, app, project)).map(message => ({
    type: 'InvalidSpecError' as const,
    message,
  }));
}
