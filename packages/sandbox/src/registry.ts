import type { StandIn } from './host/types';
import { forgejoStandIn } from './forgejo';
import { kubernetesStandIn } from './kubernetes';
// Registers the `kubernetes` ArgoCD store (Applications in the Kubernetes stand-in, reconciled).
import './reconciler';
import { argocdStandIn } from './argocd';

/**
 * Every stand-in the sandbox can start, in no particular order (dependencies order them).
 * Each stand-in lives in its own folder under src/ and is added here with one line.
 */
export function builtInStandIns(): StandIn[] {
  return [forgejoStandIn, kubernetesStandIn, argocdStandIn];
}
