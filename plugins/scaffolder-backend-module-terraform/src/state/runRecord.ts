import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TerraformRun } from '@edp/plugin-terraform-common';
import {
  KubernetesStateStore,
  type KubernetesStateBackend,
} from '@edp/plugin-terraform-node';
import type { StateLocation } from './stateBackend';

/** Writes a run into the record beside a state (the Terraform card's "last runs"). */
export type RunRecorder = (
  location: StateLocation,
  run: TerraformRun,
  variables: Record<string, unknown> | undefined,
) => Promise<void>;

/**
 * Records runs of states in the portal's kubernetes backend, with the backend's own credentials.
 * Other backends (a module's own `s3`, `pg`…) have no record: the card cannot read them either.
 */
export function kubernetesRunRecorder(
  backend: KubernetesStateBackend | undefined,
): RunRecorder {
  const store = backend ? new KubernetesStateStore(backend) : undefined;
  return async (location, run, variables) => {
    if (!store || location.kind !== 'kubernetes' || !location.kubernetes)
      return;
    await store.recordRun(
      {
        cluster: location.kubernetes.cluster,
        namespace: location.kubernetes.namespace,
        secretName: location.kubernetes.secretName,
      },
      run,
      variables,
    );
  };
}

/** Records, and only warns when the record cannot be written: the run itself already happened. */
export async function recordQuietly(
  recorder: RunRecorder,
  logger: LoggerService,
  ...args: Parameters<RunRecorder>
): Promise<void> {
  try {
    await recorder(...args);
  } catch (error) {
    logger.warn(
      `The run could not be recorded beside the state (the Terraform card will not list it): ${
        (error as Error).message
      }`,
    );
  }
}
