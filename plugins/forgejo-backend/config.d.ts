import { HumanDuration } from '@backstage/types';

export interface Config {
  forgejo?: {
    /**
     * How long an entity card's answer is reused before Forgejo is asked again, as a duration
     * object ({ seconds: 30 }) or a string ('30s', 'PT1M'). Default one minute.
     */
    cacheTtl?: HumanDuration | string;
  };
}
