export { kubernetesStandIn } from './standIn';
export type { KubeStandInState } from './standIn';
export { KubeCluster, PATCH_TYPES } from './cluster';
export type { ListOptions, ListResult, WriteOptions } from './cluster';
export { KubeApiError } from './errors';
export type { ResourceType } from './resources';
export type { StoreEvent, WatchEventType } from './store';
export { bootstrapCluster } from './bootstrap';
