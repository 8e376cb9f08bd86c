/** @public */
export type PostmortemStatus = 'draft' | 'in-review' | 'published';

/** @public */
export type ActionStatus = 'open' | 'in-progress' | 'done' | 'wont-do';

/**
 * An incident affecting one or more entities. Times are ISO-8601.
 *
 * @public
 */
export interface Incident {
  id: string;
  title: string;
  severity: string;
  entityRefs: string[];
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  externalUrl: string | null;
}

/** Durations in milliseconds; null where a time is missing. @public */
export interface IncidentDurations {
  /** acknowledged − detected */
  timeToAcknowledgeMs: number | null;
  /** mitigated − started */
  timeToMitigateMs: number | null;
  /** resolved − started */
  timeToResolveMs: number | null;
}

/**
 * The durations of an incident (MTTA, time to mitigate, MTTR are their
 * means over incidents).
 *
 * @internal
 */
export function incidentDurations(
  incident: Pick<
    Incident,
    'startedAt' | 'detectedAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt'
  >,
): IncidentDurations {
  const between = (from: string | null, to: string | null) =>
    from && to ? Date.parse(to) - Date.parse(from) : null;
  return {
    timeToAcknowledgeMs: between(incident.detectedAt, incident.acknowledgedAt),
    timeToMitigateMs: between(incident.startedAt, incident.mitigatedAt),
    timeToResolveMs: between(incident.startedAt, incident.resolvedAt),
  };
}

/**
 * The first pair of incident times out of order, as
 * `[later field, earlier field]`, or undefined when they are in order:
 * started ≤ detected ≤ acknowledged, started ≤ mitigated ≤ resolved,
 * started ≤ resolved.
 *
 * @internal
 */
export function incidentTimesOutOfOrder(
  times: Partial<
    Pick<
      Incident,
      | 'startedAt'
      | 'detectedAt'
      | 'acknowledgedAt'
      | 'mitigatedAt'
      | 'resolvedAt'
    >
  >,
): [string, string] | undefined {
  const pairs: Array<[keyof typeof times, keyof typeof times]> = [
    ['detectedAt', 'startedAt'],
    ['acknowledgedAt', 'detectedAt'],
    ['acknowledgedAt', 'startedAt'],
    ['mitigatedAt', 'startedAt'],
    ['resolvedAt', 'mitigatedAt'],
    ['resolvedAt', 'startedAt'],
  ];
  for (const [later, earlier] of pairs) {
    const a = times[later];
    const b = times[earlier];
    if (a && b && Date.parse(a) < Date.parse(b)) {
      return [later, earlier];
    }
  }
  return undefined;
}

/**
 * Which status changes an action allows: work starts, finishes or is
 * dropped, and closed actions can be reopened.
 *
 * @internal
 */
export const ACTION_STATUS_TRANSITIONS: Readonly<
  Record<ActionStatus, readonly ActionStatus[]>
> = {
  open: ['in-progress', 'done', 'wont-do'],
  'in-progress': ['open', 'done', 'wont-do'],
  done: ['open'],
  'wont-do': ['open'],
};

/** @internal */
export function isClosedActionStatus(status: ActionStatus): boolean {
  return status === 'done' || status === 'wont-do';
}
