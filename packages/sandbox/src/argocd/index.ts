export { argocdStandIn } from './standIn';
export type { ArgoCdStandInState } from './standIn';
export {
  registerApplicationStoreFactory,
  getApplicationStoreFactory,
} from './store';
export type {
  ApplicationStore,
  ApplicationChange,
  ApplicationChangeType,
  ApplicationStoreFactory,
  ApplicationStoreFactoryContext,
} from './store';
export { InMemoryApplicationStore } from './memoryStore';
export {
  loadSeedApplications,
  normaliseApplication,
  RevisionCatalog,
} from './seeds';
export { DEFAULT_SEED_DIR } from './settings';
export { parseLabelSelector, matchesLabels } from './labelSelector';
export type { ArgoCdInstance } from './instance';
export * from './types';
