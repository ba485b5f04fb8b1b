import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  AlphaEntity,
  EntityStatusItem,
} from '@backstage/catalog-model/alpha';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  describeDrift,
  parseStateLocation,
  TERRAFORM_DRIFT_STATUS_TYPE,
  TERRAFORM_STATE_ANNOTATION,
  type TerraformDrift,
} from '@edp/plugin-terraform-common';
import type { StoreFactory } from '../services/EntityStates';

const LEVELS: Record<TerraformDrift['status'], EntityStatusItem['level']> = {
  'in-sync': 'info',
  drifted: 'warning',
  error: 'error',
  unchecked: 'info',
};

/**
 * Puts the last drift check's result on the entity as a catalog status item
 * (`edp.io/terraform-drift`), so catalog lists, search and other plugins see drift without the
 * card. A processor because entity status is the catalog's own channel for such facts and only the
 * catalog's processing writes it; the drift check asks the catalog to refresh the entity after
 * each check, so the status follows within one processing round.
 */
export class TerraformDriftStatusProcessor implements CatalogProcessor {
  constructor(
    private readonly stores: StoreFactory,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'TerraformDriftStatusProcessor';
  }

  async postProcessEntity(entity: AlphaEntity): Promise<Entity> {
    const location = parseStateLocation(
      entity.metadata.annotations?.[TERRAFORM_STATE_ANNOTATION],
    );
    if (!location) return entity;
    let drift: TerraformDrift | undefined;
    try {
      drift = (await this.stores(location.cluster).readRecord(location)).drift;
    } catch (error) {
      // The cluster being down must not fail the entity's processing: keep it without status.
      this.logger.debug(
        `No drift status for ${entity.metadata.name}: ${
          (error as Error).message
        }`,
      );
      return entity;
    }
    if (!drift || drift.status === 'unchecked') return entity;
    const item: EntityStatusItem = {
      type: TERRAFORM_DRIFT_STATUS_TYPE,
      level: LEVELS[drift.status],
      message: `Terraform drift: ${describeDrift(drift)}${
        drift.status === 'drifted' ? ` (${drift.resources.join(', ')})` : ''
      }${drift.status === 'error' ? ` (${drift.message})` : ''}, checked ${
        drift.checkedAt
      }`,
    };
    const processed: AlphaEntity = {
      ...entity,
      status: {
        ...entity.status,
        items: [
          ...(entity.status?.items ?? []).filter(
            i => i.type !== TERRAFORM_DRIFT_STATUS_TYPE,
          ),
          item,
        ],
      },
    };
    return processed;
  }
}
