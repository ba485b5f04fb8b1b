import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

export interface RecordedAuditEvent extends AuditorServiceCreateEventOptions {
  outcome?: 'success' | 'fail';
  error?: string;
  resultMeta?: JsonObject;
}

/** An AuditorService that keeps its events, with their outcome, for assertions. */
export function recordingAuditor() {
  const events: RecordedAuditEvent[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const event: RecordedAuditEvent = { ...options };
      events.push(event);
      return {
        async success(result) {
          event.outcome = 'success';
          event.resultMeta = result?.meta;
        },
        async fail({ error }) {
          event.outcome = 'fail';
          event.error = `${error.name}: ${error.message}`;
        },
      };
    },
  };
  return { auditor, events };
}
