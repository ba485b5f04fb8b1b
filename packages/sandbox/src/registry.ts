import type { StandIn } from './host/types';

/**
 * Every stand-in the sandbox can start, in no particular order (dependencies order them).
 * Each stand-in lives in its own folder under src/ and is added here with one line.
 */
export function builtInStandIns(): StandIn[] {
  return [];
}
