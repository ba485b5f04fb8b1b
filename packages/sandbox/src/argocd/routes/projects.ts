import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import type { AppProject } from '../projects';
import { queryValue } from '../query';
import { can, enforce } from '../rbac';
import { publicCluster } from './clusters';
import { publicRepository } from './repositories';
import { handle, principalOf } from './handle';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const notFound = (name: string) =>
  new ArgoError('NotFound', `appprojects.argoproj.io "${name}" not found`);

/** The body ArgoCD answers for a project: the stored object without server-only fields. */
function publicProject(project: AppProject): AppProject {
  const { managedFields, ...metadata } = project.metadata as Record<
    string,
    any
  >;
  return {
    metadata: metadata as AppProject['metadata'],
    spec: project.spec,
    status: project.status ?? {},
  };
}

/** Checks a project body as ArgoCD's project server does before it stores it. */
function checkProject(project: AppProject | undefined): AppProject {
  const name = project?.metadata?.name;
  if (!project || typeof name !== 'string' || !name)
    throw new ArgoError('InvalidArgument', 'project.metadata.name is required');
  if (!DNS_LABEL.test(name) || name.length > 63)
    throw new ArgoError(
      'InvalidArgument',
      `AppProject.argoproj.io "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`,
    );
  const spec = project.spec ?? {};
  for (const d of spec.destinations ?? []) {
    if (!d.server && !d.name)
      throw new ArgoError(
        'InvalidArgument',
        'destination has no server or name: a destination needs one of them',
      );
  }
  for (const repo of spec.sourceRepos ?? [])
    if (typeof repo !== 'string' || repo.trim() === '')
      throw new ArgoError(
        'InvalidArgument',
        `source repository is invalid: ${JSON.stringify(repo)}`,
      );
  return { metadata: { ...project.metadata, name }, spec };
}

/**
 * /api/v1/projects: list, create (`{project, upsert}`), get, update (`{project}`), delete (refused
 * while applications use it), and the read-only views detailed, syncwindows, globalprojects, links.
 */
export function projectRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  const read = async (
    name: string,
    principal: ReturnType<typeof principalOf>,
  ) => {
    const project = await instance.objects.getProject(name);
    enforce(principal, 'projects', 'get', name);
    if (!project) throw notFound(name);
    return project;
  };

  router.get(
    '/api/v1/projects',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const name = queryValue(req, 'name');
      const items = (await instance.objects.listProjects())
        .filter(p => !name || p.metadata.name === name)
        .filter(p => can(principal, 'projects', 'get', p.metadata.name))
        .map(publicProject);
      res.json({ metadata: {}, items });
    }),
  );

  router.post(
    '/api/v1/projects',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const project = checkProject(req.body?.project);
      enforce(principal, 'projects', 'create', project.metadata.name);
      const existing = await instance.objects.getProject(project.metadata.name);
      if (existing && req.body?.upsert !== true) {
        if (JSON.stringify(existing.spec) === JSON.stringify(project.spec)) {
          res.json(publicProject(existing));
          return;
        }
        throw new ArgoError(
          'InvalidArgument',
          'existing project spec is different, use upsert flag to force update',
        );
      }
      res.json(publicProject(await instance.objects.putProject(project)));
    }),
  );

  router.get(
    '/api/v1/projects/:name',
    handle(async (req, res) => {
      res.json(publicProject(await read(req.params.name, principalOf(res))));
    }),
  );

  router.put(
    '/api/v1/projects/:name',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const project = checkProject(req.body?.project);
      if (project.metadata.name !== req.params.name)
        throw new ArgoError(
          'InvalidArgument',
          `project name in the body (${project.metadata.name}) does not match the URL (${req.params.name})`,
        );
      enforce(principal, 'projects', 'update', project.metadata.name);
      const existing = await instance.objects.getProject(project.metadata.name);
      if (!existing) throw notFound(project.metadata.name);
      res.json(
        publicProject(
          await instance.objects.putProject({
            ...existing,
            metadata: {
              ...existing.metadata,
              labels: project.metadata.labels,
              annotations: project.metadata.annotations,
            },
            spec: project.spec,
          }),
        ),
      );
    }),
  );

  router.delete(
    '/api/v1/projects/:name',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const name = req.params.name;
      enforce(principal, 'projects', 'delete', name);
      if (name === 'default')
        throw new ArgoError(
          'InvalidArgument',
          'name "default" is reserved and cannot be deleted',
        );
      const using = (await instance.store.list()).filter(
        a => (a.spec.project || 'default') === name,
      ).length;
      if (using > 0)
        throw new ArgoError(
          'InvalidArgument',
          `project is referenced by ${using} applications`,
        );
      if (!(await instance.objects.deleteProject(name))) throw notFound(name);
      res.json({});
    }),
  );

  router.get(
    '/api/v1/projects/:name/detailed',
    handle(async (req, res) => {
      const project = await read(req.params.name, principalOf(res));
      const name = project.metadata.name;
      const repositories = (await instance.objects.listRepositories())
        .filter(r => r.project === name)
        .map(publicRepository);
      const clusters = (await instance.objects.listClusters())
        .filter(c => c.project === name)
        .map(c => publicCluster(c));
      res.json({
        project: publicProject(project),
        globalProjects: [],
        repositories,
        clusters,
      });
    }),
  );

  router.get(
    '/api/v1/projects/:name/syncwindows',
    handle(async (req, res) => {
      const project = await read(req.params.name, principalOf(res));
      res.json({ windows: project.spec.syncWindows ?? [] });
    }),
  );

  router.get(
    '/api/v1/projects/:name/globalprojects',
    handle(async (req, res) => {
      await read(req.params.name, principalOf(res));
      res.json({ items: [] });
    }),
  );

  router.get(
    '/api/v1/projects/:name/links',
    handle(async (req, res) => {
      await read(req.params.name, principalOf(res));
      res.json({ items: [] });
    }),
  );

  return router;
}
