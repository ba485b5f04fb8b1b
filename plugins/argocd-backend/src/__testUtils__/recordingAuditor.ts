import { mockServices } from '@backstage/backend-test-utils';

/** An auditor mock that keeps each event with its outcome (`success` meta or the failing error's name). */
export function recordingAuditor() {
  const auditor = mockServices.auditor.mock();
  const events: Array<Record<string, any>> = [];
  auditor.createEvent.mockImplementation(async options => {
    const { request: _request, ...event } = options;
    const recorded: Record<string, any> = { ...event };
    events.push(recorded);
    return {
      async success(result) {
        Object.assign(recorded, { outcome: 'success', result: result?.meta });
      },
      async fail({ error }) {
        Object.assign(recorded, { outcome: 'fail', error: error.name });
      },
    };
  });
  return { auditor, events };
}
