import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Sandbox } from '../../host/sandbox';
import type { KubeStandInState } from '../standIn';

const run = promisify(execFile);

/** Whether the system kubectl is installed (the kubectl suites are skipped without it). */
export const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A kubectl bound to the sandbox's HTTPS endpoint (kubectl sends bearer tokens only over TLS), with
 * its own HOME and kubeconfig in a temporary folder; `token` picks the user.
 */
export function kubectlFor(sandbox: Sandbox, token = 'sandbox-kube-token') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-kubectl-'));
  const state = sandbox.standIns.get('kubernetes')!.state as KubeStandInState;
  const ca = Buffer.from(state.caCertificate).toString('base64');
  fs.writeFileSync(
    path.join(dir, 'config'),
    `apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster: {server: "${sandbox.endpoints.kubernetes.https}", certificate-authority-data: ${ca}}
users:
- name: edp
  user: {token: ${token}}
contexts:
- name: sandbox
  context: {cluster: sandbox, user: edp, namespace: default}
current-context: sandbox
`,
  );
  const kubectl = async (...args: string[]): Promise<KubectlResult> => {
    try {
      const { stdout, stderr } = await run('kubectl', args, {
        cwd: dir,
        env: {
          ...process.env,
          KUBECONFIG: path.join(dir, 'config'),
          HOME: dir,
        },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof err.code === 'number' ? err.code : 1,
        stdout: err.stdout ?? '',
        stderr: err.stderr ?? '',
      };
    }
  };
  return {
    dir,
    kubectl,
    /** Writes a file into the kubectl folder (for `-f`). */
    write: (name: string, text: string) =>
      fs.writeFileSync(path.join(dir, name), text),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
