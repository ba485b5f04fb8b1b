/**
 * Issue 11, "done when": a user outside edp.permission.privilegedGroups runs registered templates of
 * their own, one per scaffolder action that acts with the backend's credentials (edp:kubernetes:apply,
 * edp:argocd:application:create, publish:forgejo, edp:stack:provision, edp:terraform:run), for real
 * (not as a dry-run): each task fails with NotAllowedError naming the action and leaves nothing upstream.
 *
 * The visitor may not register a location (leastPrivilege.spec.ts), and the catalog registers only url
 * locations, so the privileged guest pushes e2e/templates/visitor-own.yaml to a Forgejo repository of
 * the sandbox and registers it, as an administrator would for a team.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { expect, test } from '../fixtures';
import { PRIVILEGED, VISITOR, signInAs } from '../identity';
import {
  api,
  forgejo,
  forgejoToken,
  kubernetes,
  runTemplate,
} from '../backendApi';

const FILE = path.resolve(__dirname, '../templates/visitor-own.yaml');
const REPO = { owner: 'platform', name: 'e2e-visitor-templates' };
const TEMPLATES: Array<{ metadata: { name: string }; spec: any }> = yaml
  .parseAllDocuments(fs.readFileSync(FILE, 'utf8'))
  .map(d => d.toJS());

/** Puts the templates file in a new Forgejo repository; returns its web URL for a catalog location. */
async function pushTemplates(): Promise<string> {
  // A rerun against the same sandbox starts from a fresh repository.
  await forgejo('DELETE', `/repos/${REPO.owner}/${REPO.name}`);
  const created = await forgejo('POST', `/orgs/${REPO.owner}/repos`, {
    name: REPO.name,
    default_branch: 'main',
    auto_init: false,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const dir = path.resolve(__dirname, '../../e2e-results/visitor-templates');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(FILE, path.join(dir, 'visitor-own.yaml'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args],
      { cwd: dir, stdio: 'pipe' },
    );
  git('init', '-q', '-b', 'main');
  git('add', 'visitor-own.yaml');
  git('commit', '-q', '-m', 'Templates of user:default/visitor');
  const remote = new URL(created.body.clone_url);
  remote.username = (await forgejo('GET', '/user')).body.login;
  remote.password = forgejoToken();
  git('push', '-q', remote.toString(), 'main');
  return `${created.body.html_url}/src/branch/main/visitor-own.yaml`;
}

/** What each template would have left upstream, read from the stand-ins with the portal's credentials. */
async function upstream() {
  const status = async (route: string) => (await kubernetes(route)).status;
  const applications = await kubernetes(
    '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications',
  );
  expect(applications.status).toBe(200);
  const repos = await forgejo('GET', '/repos/search?q=visitor-own&limit=50');
  expect(repos.status).toBe(200);
  return {
    plantedSecret: await status(
      '/api/v1/namespaces/kube-system/secrets/visitor-planted',
    ),
    visitorApplications: applications.body.items
      .map((a: any) => a.metadata.name)
      .filter((n: string) => n.startsWith('visitor-own')),
    visitorRepositories: repos.body.data.map((r: any) => r.full_name),
    takeoverBranch: (
      await forgejo(
        'GET',
        '/repos/platform/payments-api/branches/visitor%2Ftakeover',
      )
    ).status,
    paymentsPullRequests: (
      await forgejo('GET', '/repos/platform/payments-api/pulls?state=all')
    ).body.length,
    terraformState: await status(
      '/api/v1/namespaces/default/secrets/tfstate-default-visitor-own',
    ),
  };
}

test.describe('templates of their own, run by a user outside the privileged groups', () => {
  let visitor = '';
  let locationId: string | undefined;
  let before: Awaited<ReturnType<typeof upstream>>;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const admin = await signInAs(PRIVILEGED);
    const target = await pushTemplates();
    const registered = await api(admin, 'POST', '/api/catalog/locations', {
      type: 'url',
      target,
    });
    expect(registered.status, registered.text).toBe(201);
    locationId = JSON.parse(registered.text).location.id;
    visitor = await signInAs(VISITOR);
    for (const { metadata } of TEMPLATES) {
      await expect
        .poll(
          async () =>
            (
              await api(
                visitor,
                'GET',
                `/api/catalog/entities/by-name/template/default/${metadata.name}`,
              )
            ).status,
          { timeout: 60_000 },
        )
        .toBe(200);
    }
    before = await upstream();
  });

  test.afterAll(async () => {
    const admin = await signInAs(PRIVILEGED);
    if (locationId)
      await api(admin, 'DELETE', `/api/catalog/locations/${locationId}`);
    await forgejo('DELETE', `/repos/${REPO.owner}/${REPO.name}`);
  });

  test('starts from a sandbox where none of it exists', () => {
    expect(before).toEqual({
      plantedSecret: 404,
      visitorApplications: [],
      visitorRepositories: [],
      takeoverBranch: 404,
      paymentsPullRequests: expect.any(Number),
      terraformState: 404,
    });
  });

  for (const template of TEMPLATES) {
    const [step] = template.spec.steps;
    test(`is refused ${step.action} in a real run of ${template.metadata.name}, and nothing is created`, async () => {
      expect(template.spec.owner).toBe(VISITOR.userEntityRef);
      const run = await runTemplate(visitor, template.metadata.name, {});
      expect(run.status).toBe('failed');
      // The scaffolder's check (scaffolder.action.execute, hasActionId) or the action's own one.
      expect(run.events).toMatch(
        new RegExp(`NotAllowedError: [^"]*${step.action}`),
      );
      expect(await upstream()).toEqual(before);
    });
  }

  test('the same Secret template run by the privileged guest is applied, which the checks above would have seen', async () => {
    const admin = await signInAs(PRIVILEGED);
    try {
      const run = await runTemplate(admin, 'visitor-kubernetes-apply', {});
      expect(run.status, run.events).toBe('completed');
      expect(await upstream()).toEqual({ ...before, plantedSecret: 200 });
    } finally {
      await kubernetes(
        '/api/v1/namespaces/kube-system/secrets/visitor-planted',
        'DELETE',
      );
    }
    expect((await upstream()).plantedSecret).toBe(404);
  });
});
