import { spawn } from 'node:child_process';
import type { RequestHandler, Response } from 'express';
import { gitEnv } from './git/run';
import { readBranchHeads, setHead } from './git/refs';
import { authenticate, type AuthResult } from './http/auth';
import { rfc3339, type ForgejoStore, type RepoRecord } from './model';

/** `/{owner}/{repo}[.git]/{smart HTTP path}`, the URLs git clients use for clone, fetch and push. */
const GIT_PATH =
  /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.+)$/;

function challenge(res: Response, status: number, message: string): void {
  if (status === 401)
    res.setHeader('WWW-Authenticate', 'Basic realm="Forgejo sandbox"');
  res.status(status).type('text/plain').send(`${message}\n`);
}

/** Why a git request may not go ahead (Forgejo's answers), or undefined when it may. */
function refuse(
  auth: AuthResult,
  write: boolean,
  target: { repo: RepoRecord; store: ForgejoStore } | undefined,
): { status: number; message: string } | undefined {
  if ('error' in auth) return { status: 401, message: auth.error };
  const user = auth.user;
  if (!target) return { status: 404, message: 'Repository not found' };
  const { repo, store } = target;
  const readable = store.canRead(user, repo);
  // Signed-in users do not learn that a private repository exists; anonymous ones are asked to sign in.
  if (!readable && user)
    return { status: 404, message: 'Repository not found' };
  if (!readable || (write && !user))
    return { status: 401, message: 'Authentication required' };
  if (write && !store.canWrite(user, repo))
    return {
      status: 403,
      message: `User permission denied for writing to ${repo.owner}/${repo.name}`,
    };
  if (write && repo.archived)
    return {
      status: 403,
      message:
        'This repository is archived. You can view files and clone it, but cannot push.',
    };
  return undefined;
}

/**
 * Serves real git over smart HTTP by running the system `git http-backend` as a CGI program over
 * the bare repositories in `reposRoot`. Reads follow the repository's visibility; pushes need Basic
 * credentials (password or token) of an account that may write. Request bodies (gzip included, which
 * http-backend inflates itself) are streamed through untouched.
 */
export function gitHttpHandler(options: {
  store: ForgejoStore;
  reposRoot: string;
  log: (m: string) => void;
}): RequestHandler {
  const { store } = options;
  return (req, res, next) => {
    const match = GIT_PATH.exec(req.path);
    if (!match) {
      next();
      return;
    }
    const [, ownerName, repoName, rest] = match;
    const repo = store.repo(ownerName, repoName);
    const write =
      rest === 'git-receive-pack' || req.query.service === 'git-receive-pack';
    const auth = authenticate(store, req.headers);
    const refusal = refuse(auth, write, repo && { repo, store });
    if (refusal || !repo) {
      // `refuse` answers 404 for a missing repository; the `!repo` test only narrows the type.
      challenge(
        res,
        refusal?.status ?? 404,
        refusal?.message ?? 'Repository not found',
      );
      return;
    }
    const user = 'user' in auth ? auth.user : undefined;

    const query = req.url.includes('?')
      ? req.url.slice(req.url.indexOf('?') + 1)
      : '';
    const env: Record<string, string> = {
      GIT_PROJECT_ROOT: options.reposRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: `/${repo.owner.toLowerCase()}/${repo.name.toLowerCase()}.git/${rest}`,
      QUERY_STRING: query,
      REQUEST_METHOD: req.method,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      REMOTE_USER: user?.login ?? '',
      GATEWAY_INTERFACE: 'CGI/1.1',
    };
    if (req.headers['content-length'])
      env.CONTENT_LENGTH = String(req.headers['content-length']);
    if (req.headers['content-encoding'])
      env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
    if (req.headers['git-protocol'])
      env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    const child = spawn('git', ['http-backend'], { env: gitEnv(env) });
    req.pipe(child.stdin);
    child.stdin.on('error', () => {}); // the client may hang up first
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const text = head.toString('latin1');
      const crlf = text.indexOf('\r\n\r\n');
      const lf = text.indexOf('\n\n');
      let end = lf >= 0 ? lf + 2 : -1;
      if (crlf >= 0 && (lf < 0 || crlf < lf)) end = crlf + 4;
      if (end < 0) return;
      headersDone = true;
      for (const line of text.slice(0, end).split(/\r?\n/).filter(Boolean)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status')
          res.statusCode = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.write(head.subarray(end));
    });
    let stderr = '';
    child.stderr.on('data', d => {
      stderr += d;
    });
    child.on('error', err => {
      options.log(`git http-backend could not start: ${err.message}`);
      if (!res.headersSent) res.status(500).end();
    });
    child.on('close', code => {
      if (code !== 0)
        options.log(
          `git http-backend ${req.method} ${
            req.path
          } exited ${code}: ${stderr.trim()}`,
        );
      if (write && rest === 'git-receive-pack') {
        // Like Forgejo: the first push to an empty repository whose default branch was not pushed
        // makes the pushed branch the default.
        const heads = readBranchHeads(repo.gitDir);
        if (heads.size > 0 && !heads.has(repo.defaultBranch)) {
          repo.defaultBranch = heads.has('main')
            ? 'main'
            : [...heads.keys()].sort()[0];
          setHead(repo.gitDir, repo.defaultBranch);
        }
        repo.updated = rfc3339();
      }
      if (!headersDone && !res.headersSent)
        res
          .status(500)
          .type('text/plain')
          .send(`git http-backend failed: ${stderr.trim()}\n`);
      else res.end();
    });
    // A client that hangs up mid-transfer should not leave git running.
    res.on('close', () => {
      if (child.exitCode === null) child.kill();
    });
  };
}

/** For tests and docs: the clone URL of a repository. */
export function cloneUrl(
  baseUrl: string,
  owner: string,
  repo: string,
  credentials?: { user: string; secret: string },
) {
  const url = new URL(`${baseUrl}/${owner}/${repo}.git`);
  if (credentials) {
    url.username = credentials.user;
    url.password = credentials.secret;
  }
  return url.toString();
}
