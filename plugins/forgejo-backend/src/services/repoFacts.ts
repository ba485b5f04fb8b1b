/** What the overview needs to know before it can ask for the tip's status and the latest release. */
export interface RepoFacts {
  defaultBranch: string;
  hasReleases: boolean;
}

/**
 * Remembers each repository's default branch and whether it has releases, which rarely change.
 * With them known, the overview sends all its upstream calls at once instead of in two waves;
 * when the repository says otherwise, the overview corrects itself (and this memo).
 */
export class RepoFactsMemo {
  private readonly facts = new Map<string, RepoFacts>();

  constructor(private readonly maxEntries = 2000) {}

  get(key: string): RepoFacts | undefined {
    return this.facts.get(key);
  }

  set(key: string, facts: RepoFacts): void {
    // Re-insert so the oldest entry is the least recently updated one.
    this.facts.delete(key);
    this.facts.set(key, facts);
    if (this.facts.size > this.maxEntries) {
      this.facts.delete(this.facts.keys().next().value!);
    }
  }
}
