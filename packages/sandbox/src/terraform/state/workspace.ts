/**
 * Where things live for the local backend: the data dir (.terraform or TF_DATA_DIR),
 * the selected workspace (TF_WORKSPACE or .terraform/environment) and its state file
 * (terraform.tfstate, or terraform.tfstate.d/<workspace>/terraform.tfstate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TfError } from '../diagnostics';

export interface BackendSettings {
  type: string;
  config: Record<string, unknown>;
}

export interface Layout {
  cwd: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

export function makeLayout(cwd: string, env: NodeJS.ProcessEnv): Layout {
  return {
    cwd,
    env,
    dataDir: path.resolve(cwd, env.TF_DATA_DIR || '.terraform'),
  };
}

const BACKEND_FILE = 'terraform.tfstate';

/** The backend recorded by `init`, or undefined when init has not run. */
export function readBackend(layout: Layout): BackendSettings | undefined {
  const file = path.join(layout.dataDir, BACKEND_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    return {
      type: raw.backend?.type ?? 'local',
      config: raw.backend?.config ?? {},
    };
  } catch {
    return undefined;
  }
}

export function writeBackend(layout: Layout, backend: BackendSettings) {
  fs.mkdirSync(layout.dataDir, { recursive: true });
  const body = {
    version: 3,
    serial: 1,
    lineage: '',
    backend: { ...backend, hash: 0 },
  };
  fs.writeFileSync(
    path.join(layout.dataDir, BACKEND_FILE),
    `${JSON.stringify(body, null, 2)}\n`,
  );
}

const WORKSPACE_NAME = /^[A-Za-z0-9_.-]+$/;

export function validateWorkspaceName(name: string) {
  if (!WORKSPACE_NAME.test(name) || name.length > 90) {
    throw new TfError(
      'Invalid workspace name',
      `The workspace name "${name}" is not allowed. The name must contain only URL safe characters, and no path separators.`,
    );
  }
}

export function currentWorkspace(layout: Layout): string {
  if (layout.env.TF_WORKSPACE) return layout.env.TF_WORKSPACE;
  try {
    return (
      fs
        .readFileSync(path.join(layout.dataDir, 'environment'), 'utf8')
        .trim() || 'default'
    );
  } catch {
    return 'default';
  }
}

export function selectWorkspace(layout: Layout, name: string) {
  fs.mkdirSync(layout.dataDir, { recursive: true });
  fs.writeFileSync(path.join(layout.dataDir, 'environment'), name);
}

function workspaceDir(layout: Layout): string {
  const config = readBackend(layout)?.config ?? {};
  return path.resolve(
    layout.cwd,
    String(config.workspace_dir ?? 'terraform.tfstate.d'),
  );
}

export function statePath(layout: Layout, workspace: string): string {
  if (workspace === 'default') {
    const config = readBackend(layout)?.config ?? {};
    return path.resolve(layout.cwd, String(config.path ?? 'terraform.tfstate'));
  }
  return path.join(workspaceDir(layout), workspace, 'terraform.tfstate');
}

export function listWorkspaces(layout: Layout): string[] {
  const dir = workspaceDir(layout);
  const others = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter(d => d.isDirectory())
        .map(d => d.name)
    : [];
  return ['default', ...others.filter(n => n !== 'default').sort()];
}

export function createWorkspace(layout: Layout, name: string) {
  validateWorkspaceName(name);
  if (listWorkspaces(layout).includes(name)) {
    throw new TfError(`Workspace "${name}" already exists`, '');
  }
  fs.mkdirSync(path.join(workspaceDir(layout), name), { recursive: true });
}

export function deleteWorkspace(layout: Layout, name: string) {
  if (name === 'default')
    throw new TfError('Cannot delete the default workspace', '');
  fs.rmSync(path.join(workspaceDir(layout), name), {
    recursive: true,
    force: true,
  });
}
