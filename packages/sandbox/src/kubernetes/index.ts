export { kubernetesStandIn } from './standIn';
export type { KubeStandInState } from './standIn';
export { KubeCluster, PATCH_TYPES } from './store/cluster';
export type { ListOptions, ListResult, WriteOptions } from './store/cluster';
export { KubeApiError } from './api/errors';
export type { ResourceType } from './store/resources';
export type { StoreEvent, WatchEventType } from './store/objectStore';
export { bootstrapCluster } from './bootstrap';
