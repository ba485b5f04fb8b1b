/**
 * What the EDP Terraform backends share (pluginId `edp-terraform`): the `edp.terraform.*` config,
 * the CLI runner (graceful cancel, -json stream, redaction) used by the `edp:terraform:run` action
 * and the drift check, and the store that reads states of Terraform's `kubernetes` backend and
 * keeps the portal's record (runs, drift) beside them.
 *
 * @packageDocumentation
 */
export {
  CONFIG_KEYS,
  findKubernetesCluster,
  readTerraformRunConfig,
  type KubernetesStateBackend,
  type TerraformRunConfig,
} from './config';
export {
  resolveBinary,
  TerraformConfigError,
  type ResolvedBinary,
} from './binary/resolveBinary';
export { satisfiesVersion } from './binary/versionConstraint';
export {
  processGroupAlive,
  runProcess,
  type RunProcessOptions,
  type RunProcessResult,
} from './run/runProcess';
export {
  TerraformCli,
  TerraformCommandError,
  type CommandResult,
  type TerraformCliOptions,
} from './run/terraformCli';
export {
  formatChangeSummary,
  formatDiagnostic,
  formatMessage,
  type LogLevel,
  type LogLine,
} from './run/formatMessage';
export {
  parseLine,
  type ChangeCounts,
  type Diagnostic,
  type ResourceAddr,
  type UiMessage,
} from './run/messages';
export {
  describeLockHolder,
  isLockDiagnostic,
  parseLockHolder,
  type LockHolder,
} from './run/lockInfo';
export { Redactor, REDACTED } from './run/redactor';
export { coreApiFor, type ClusterConnection } from './state/kubeApi';
export {
  KubernetesStateStore,
  MAX_RUNS,
  recordNameOf,
  type StateRecord,
  type StoredState,
  type TerraformStateFile,
} from './state/StateStore';
export { INHERITED_ENV, inheritedEnvironment } from './run/environment';
