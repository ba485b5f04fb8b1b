import type { OrganizationScan } from './scanOrganization';

/** What the last scan learned about one repository. */
export interface RememberedRepository {
  /**
   * What the listing said about the repository when its catalog file was looked up (its
   * `updated_at`, the branch checked and the catalog path). Absent when that answer must not be
   * reused: the repository changed in the very second the listing was made.
   */
  seen?: string;
  /** The catalog file's location, or null when the repository had none. */
  target: string | null;
}

/** The last good scan of one organisation. */
export interface RememberedOrganization {
  /** The result handed to the catalog; reused whole when the organisation cannot be read. */
  scan: OrganizationScan;
  /** By full name (`owner/name`). */
  repositories: Record<string, RememberedRepository>;
}

/**
 * Where a provider keeps its last scan of each organisation between refreshes. It must be shared by
 * every backend replica: the scheduler runs a refresh on whichever replica holds its lock, and a
 * replica that only knew its own last scan would re-read every repository after each hand-over or
 * restart (see DatabaseScanMemory).
 */
export interface ScanMemory {
  load(
    providerId: string,
    organization: string,
  ): Promise<RememberedOrganization | undefined>;
  save(
    providerId: string,
    organization: string,
    memory: RememberedOrganization,
  ): Promise<void>;
}

/**
 * Memory of this process only: for a single backend without a database service, and for tests that
 * construct a provider directly.
 */
export class InProcessScanMemory implements ScanMemory {
  private readonly organizations = new Map<string, RememberedOrganization>();

  async load(providerId: string, organization: string) {
    return this.organizations.get(`${providerId}\n${organization}`);
  }

  async save(
    providerId: string,
    organization: string,
    memory: RememberedOrganization,
  ) {
    this.organizations.set(`${providerId}\n${organization}`, memory);
  }
}
