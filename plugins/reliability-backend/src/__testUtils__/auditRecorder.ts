import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';

/** One audit event as a route test sees it. */
export interface RecordedAuditEvent {
  eventId: string;
  meta: JsonObject;
  /** `pending` until the write ends. */
  outcome: 'pending' | 'success' | 'fail';
}

/**
 * A mock auditor that keeps every event a backend creates, with how it
 * ended, so tests can count the successful writes.
 */
export function auditRecorder() {
  const events: RecordedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock();
  auditor.createEvent.mockImplementation(async ({ eventId, meta }) => {
    const event: RecordedAuditEvent = {
      eventId,
      meta: (meta ?? {}) as JsonObject,
      outcome: 'pending',
    };
    events.push(event);
    return {
      success: async () => {
        event.outcome = 'success';
      },
      fail: async () => {
        event.outcome = 'fail';
      },
    };
  });
  return {
    factory: auditor.factory,
    events,
    /** The events of `eventId` that ended in success. */
    succeeded: (eventId: string) =>
      events.filter(e => e.eventId === eventId && e.outcome === 'success'),
  };
}
