import type { Entity } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type { ArgoCDOverviewRow } from '@edp/plugin-argocd-common';
import {
  ArgoCDError,
  type ArgoCDApplication,
  type ArgoCDInstanceInfo,
  type ArgoCDService,
  type InstanceOutcome,
} from '@edp/plugin-argocd-node';
import { applicationQueryFor } from './applicationQuery';
import { instanceError, type Presenter } from './present';

/** One discovered application and the instance it runs on. */
export interface LocatedApplication {
  instance: ArgoCDInstanceInfo;
  app: ArgoCDApplication;
}

/** Finds the ArgoCD applications of an entity across instances, through the service's cache. */
export class EntityApplications {
  constructor(
    private readonly argocd: ArgoCDService,
    private readonly presenter: Presenter,
  ) {}

  /** Every instance's outcome for the entity, in `argocd/instance-name` order when set. */
  async discover(
    entity: Entity,
  ): Promise<InstanceOutcome<ArgoCDApplication[]>[]> {
    const { query, instances } = applicationQueryFor(entity);
    const outcomes = await this.argocd.findApplications(query, { instances });
    return outcomes.map(outcome =>
      !outcome.ok && outcome.error.reason === 'unknown-instance'
        ? {
            ...outcome,
            error: new ArgoCDError({
              instance: outcome.instance,
              reason: 'unknown-instance',
              message: `${outcome.error.message}; check the argocd/instance-name annotation`,
            }),
          }
        : outcome,
    );
  }

  /** Overview rows: applications and per-instance error rows, in instance order. */
  overviewRows(
    outcomes: InstanceOutcome<ArgoCDApplication[]>[],
  ): ArgoCDOverviewRow[] {
    return outcomes.flatMap((outcome): ArgoCDOverviewRow[] => {
      if (!outcome.ok)
        return [{ type: 'error', ...instanceError(outcome.error) }];
      const info = this.info(outcome.instance);
      return outcome.value.map(app => ({
        type: 'application',
        ...this.presenter.summary(app, info),
      }));
    });
  }

  /** The entity's application `name` on `instance` (optionally in `namespace`), or a 404/503. */
  async locate(
    entity: Entity,
    instance: string,
    name: string,
    namespace?: string,
  ): Promise<LocatedApplication> {
    const outcome = (await this.discover(entity)).find(
      o => o.instance === instance,
    );
    if (!outcome) {
      throw new NotFoundError(
        `ArgoCD instance "${instance}" is not one of this entity's instances`,
      );
    }
    if (!outcome.ok) throw new ServiceUnavailableError(outcome.error.message);
    const app = outcome.value.find(
      a =>
        a.metadata?.name === name &&
        (!namespace || a.metadata?.namespace === namespace),
    );
    if (!app) {
      throw new NotFoundError(
        `Application "${name}"${
          namespace ? ` in namespace "${namespace}"` : ''
        } on ArgoCD instance "${instance}" does not belong to this entity`,
      );
    }
    return { instance: this.info(instance), app };
  }

  info(name: string): ArgoCDInstanceInfo {
    const info = this.argocd.listInstances().find(i => i.name === name);
    if (!info)
      throw new NotFoundError(
        `No ArgoCD instance named "${name}" is configured`,
      );
    return info;
  }
}
