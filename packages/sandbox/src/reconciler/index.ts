import './register';

export {
  KubernetesApplicationStore,
  createKubernetesApplicationStore,
} from './kubernetesStore';
export { ApplicationReconciler } from './reconciler';
export { parseReconcilerSettings } from './settings';
export type { ReconcilerSettings } from './settings';
