/**
 * What the EDP entity cards (Forgejo, ArgoCD, Terraform) share in the browser: one way to load and
 * poll a card's data, one backend client base that fails with `ResponseError`, theme-coloured
 * status chips, the readable state of an upstream failure, time formats, and the helpers that
 * declare a plugin's API, cards and tabs on both frontend systems.
 *
 * @packageDocumentation
 */
export {
  usePolledData,
  POLL_INTERVAL_MS,
  type LoadOptions,
  type PolledDataState,
} from './hooks/usePolledData';
export { useEntityApiData } from './hooks/useEntityApiData';
export {
  useBackendAction,
  type BackendActionState,
} from './hooks/useBackendAction';
export {
  EntityBackendClient,
  type EntityBackendClientOptions,
  type EntityRequest,
} from './api/EntityBackendClient';
export { StatusChip, type StatusTone } from './components/StatusChip';
export { Notice, type NoticeSeverity } from './components/Notice';
export { FailureState, type FailureSeverity } from './components/FailureState';
export { relativeTime, formatTime } from './format';
export { backendMessage } from './errors';
export {
  entityBackendApiFactory,
  lazyEntityComponentsOf,
} from './plugin/legacy';
export type { ComponentName } from './plugin/componentName';
