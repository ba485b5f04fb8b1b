/**
 * Local stand-ins for Forgejo, ArgoCD, the Kubernetes API and the terraform CLI.
 * A development and test tool only: production code never imports this package.
 *
 * @packageDocumentation
 */
export { startSandbox, orderStandIns } from './host/sandbox';
export type { Sandbox, StartSandboxOptions } from './host/sandbox';
export {
  loadSandboxConfig,
  parseSandboxConfig,
  SandboxConfigError,
} from './host/config';
export type { SandboxConfig } from './host/config';
export { createFaultController, parseFaultSettings } from './host/faults';
export { PortInUseError } from './host/listen';
export type {
  FaultController,
  FaultSettings,
  RunningStandIn,
  StandIn,
  StandInContext,
} from './host/types';
export { builtInStandIns } from './registry';
export {
  forgejoIntegrationOf,
  SANDBOX_FORGEJO_TOKEN,
  startTestSandbox,
} from './testing';
export { seedBulkRepositories } from './forgejo/bulkRepositories';
export type { BulkRepositoriesOptions } from './forgejo/bulkRepositories';
export { againstLimit, limitOf } from './benchLimit';
export type { BenchLimit } from './benchLimit';
