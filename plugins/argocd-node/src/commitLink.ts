import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

/**
 * Builds links to commits for ArgoCD sources that live on a configured Forgejo/Gitea host
 * (`integrations.gitea`). Other hosts get no link rather than a guessed one.
 * @public
 */
export class CommitLinker {
  private readonly integrations: ScmIntegrations;

  static fromConfig(config: Config) {
    return new CommitLinker(ScmIntegrations.fromConfig(config));
  }

  constructor(integrations: ScmIntegrations) {
    this.integrations = integrations;
  }

  /** The commit page of `revision` in `repoUrl`, or undefined when the host is not a configured Gitea. */
  commitUrl(
    repoUrl: string | undefined,
    revision: string | undefined,
  ): string | undefined {
    if (!repoUrl || !revision || !/^[0-9a-f]{7,64}$/i.test(revision))
      return undefined;
    let url: URL;
    try {
      url = new URL(repoUrl);
    } catch {
      return undefined; // scp-style git@host:org/repo URLs and chart repositories get no link
    }
    const gitea = this.integrations.gitea.byUrl(url.toString());
    if (!gitea) return undefined;
    const repoPath = url.pathname
      .replace(/^\/+/, '')
      .replace(/\.git$/, '')
      .replace(/\/+$/, '');
    if (repoPath.split('/').length < 2) return undefined;
    // Backstage's readGiteaConfig has already defaulted baseUrl to https://<host> and trimmed it.
    const base = gitea.config.baseUrl ?? `https://${gitea.config.host}`;
    const basePath = new URL(base).pathname.replace(/\/+$/, '');
    const relative =
      basePath && repoPath.startsWith(basePath.slice(1))
        ? repoPath.slice(basePath.length)
        : repoPath;
    return `${base}/${relative.replace(/^\/+/, '')}/commit/${revision}`;
  }
}
