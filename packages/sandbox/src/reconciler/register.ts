import { registerApplicationStoreFactory } from '../argocd/store';
import { createKubernetesApplicationStore } from './kubernetesStore';

// Makes `argocd.store: kubernetes` (or per instance) available to the ArgoCD stand-in.
registerApplicationStoreFactory('kubernetes', createKubernetesApplicationStore);
