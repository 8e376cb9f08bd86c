import {
  Incident,
  OverrideInput,
  PostmortemStatus,
  RotationInput,
  ScorecardKpiId,
} from '@reliability-suite/plugin-reliability-common';

/**
 * Who a record is written by and when it happened. A record brought in
 * from another system keeps its own time (an incident that started last
 * month is written with last month's date).
 *
 * @public
 */
export interface ReliabilityRecordedBy {
  /** An entity ref of the person (`user:default/ana`) or a name for the source. */
  actor: string;
  at: Date;
}

/**
 * The counts of one minute of an SLI: `good` of `total` events.
 *
 * @public
 */
export interface ReliabilitySliMinute {
  /** The minute's start, epoch milliseconds (a whole minute). */
  start: number;
  good: number;
  total: number;
}

/**
 * An SLO by its entity and `metadata.name`.
 *
 * @public
 */
export interface ReliabilitySloRef {
  entityRef: string;
  slo: string;
}

/**
 * A team's scorecard values on one day.
 *
 * @public
 */
export interface ReliabilityTeamSnapshot {
  teamRef: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  values: Partial<Record<ScorecardKpiId, number | null>>;
  computedAt: Date;
}

/**
 * SLI measurements of the SLOs the catalog defines.
 *
 * @public
 */
export interface ReliabilitySliConnection {
  /** How far back {@link ReliabilitySliConnection.writeMinutes} accepts minutes. */
  readonly minuteRetentionMs: number;
  /** The most minutes one {@link ReliabilitySliConnection.writeMinutes} takes. */
  readonly maxBatchSize: number;
  /**
   * Whether the SLO is defined (the catalog sync or the API defines SLOs),
   * and the start of its newest stored bucket of any resolution (null
   * when it has no measurements).
   */
  measurementState(
    slo: ReliabilitySloRef,
  ): Promise<{ defined: boolean; newestStart: number | null }>;
  /**
   * Writes recent minutes as the measurements API does, on the server's
   * clock (at most the minute retention old, a little into the future at
   * most; a minute sent again replaces the stored one), and refreshes the
   * SLO's status.
   */
  writeMinutes(
    slo: ReliabilitySloRef,
    minutes: ReliabilitySliMinute[],
  ): Promise<void>;
  /**
   * Loads the history of an SLO that has no measurements yet, back to the
   * daily retention: the minutes are rolled up as stored minutes would
   * have been by now, then the status is refreshed.
   *
   * @throws ConflictError when the SLO has measurements already
   */
  loadHistory(
    slo: ReliabilitySloRef,
    minutes: ReliabilitySliMinute[],
  ): Promise<void>;
}

/**
 * The built-in on-call rotations.
 *
 * @public
 */
export interface ReliabilityOnCallConnection {
  /** Whether any rotation exists. */
  hasRotations(): Promise<boolean>;
  /** Creates or replaces a rotation (every level user must be a catalog User). */
  putRotation(
    id: string,
    rotation: Omit<RotationInput, 'version'>,
    by: ReliabilityRecordedBy,
  ): Promise<void>;
  addOverride(
    rotationId: string,
    override: OverrideInput,
    by: ReliabilityRecordedBy,
  ): Promise<void>;
}

/**
 * Incidents, their postmortems and the corrective actions.
 *
 * @public
 */
export interface ReliabilityIncidentConnection {
  /** Whether any incident exists. */
  hasIncidents(): Promise<boolean>;
  /** Records an incident; `by.at` is when it was recorded. */
  createIncident(
    incident: Pick<
      Incident,
      'title' | 'severity' | 'entityRefs' | 'startedAt'
    > &
      Partial<
        Pick<
          Incident,
          | 'detectedAt'
          | 'acknowledgedAt'
          | 'mitigatedAt'
          | 'resolvedAt'
          | 'externalUrl'
        >
      >,
    by: ReliabilityRecordedBy,
  ): Promise<{ id: string }>;
  /** Creates or replaces the incident's postmortem. */
  putPostmortem(
    incidentId: string,
    postmortem: {
      status: PostmortemStatus;
      documentUrl?: string | null;
      summary?: string | null;
    },
    by: ReliabilityRecordedBy,
  ): Promise<void>;
  /** Creates an action; its entity and owner must be in the catalog. */
  createAction(
    action: {
      title: string;
      entityRef: string;
      owner: string;
      priority: string;
      /** `YYYY-MM-DD`. */
      dueDate: string;
      incidentId?: string | null;
      ticketUrl?: string | null;
    },
    by: ReliabilityRecordedBy,
  ): Promise<{ id: string; version: number }>;
  /** Moves an action along its life cycle (`done`, `wont-do`, …). */
  setActionStatus(
    action: { id: string; version: number },
    status: 'open' | 'in-progress' | 'done' | 'wont-do',
    by: ReliabilityRecordedBy,
  ): Promise<void>;
}

/**
 * Readiness evidence, waivers and reviews, with the rules the API applies
 * (items of the entity's template; nobody decides their own request; no
 * approval while required items fail unwaived at `by.at`).
 *
 * @public
 */
export interface ReliabilityReadinessConnection {
  /** Whether any review exists. */
  hasReviews(): Promise<boolean>;
  /** Attests a manual item; valid for the item's `attestationValidFor`. */
  attest(
    entityRef: string,
    attestation: { itemId: string; evidenceUrl: string; note?: string | null },
    by: ReliabilityRecordedBy,
  ): Promise<void>;
  /** Waives a failing item until `expiresAt` (ISO 8601). */
  waive(
    entityRef: string,
    waiver: { itemId: string; reason: string; expiresAt: string },
    by: ReliabilityRecordedBy,
  ): Promise<void>;
  requestReview(
    entityRef: string,
    review: { targetLaunchDate?: string | null },
    by: ReliabilityRecordedBy,
  ): Promise<{ id: string }>;
  decideReview(
    reviewId: string,
    decision: { decision: 'approve' | 'reject'; comment?: string | null },
    by: ReliabilityRecordedBy,
  ): Promise<void>;
}

/**
 * The daily team scorecard snapshots the trends are drawn from.
 *
 * @public
 */
export interface ReliabilityTeamConnection {
  /** The team's snapshots from `sinceDay` (`YYYY-MM-DD`) on, oldest first. */
  listSnapshots(
    teamRef: string,
    sinceDay: string,
  ): Promise<ReliabilityTeamSnapshot[]>;
  /**
   * Loads days before the team's first stored snapshot (history kept by
   * another tool).
   *
   * @throws InputError when a snapshot is not before the first stored day
   */
  loadHistory(snapshots: ReliabilityTeamSnapshot[]): Promise<void>;
}

/**
 * What a data provider writes through. Every write is checked as the
 * plugin's API checks it, recorded as an audit event, and brings the
 * overview rows it affects up to date.
 *
 * @public
 */
export interface ReliabilityDataConnection {
  readonly slis: ReliabilitySliConnection;
  readonly onCall: ReliabilityOnCallConnection;
  readonly incidents: ReliabilityIncidentConnection;
  readonly readiness: ReliabilityReadinessConnection;
  readonly teams: ReliabilityTeamConnection;
}

/**
 * A source of reliability records outside the API: an import from another
 * tool, or the demo portal's made-up history. Connected once the plugin's
 * database is ready; it keeps the connection and writes when it has
 * something (typically from its own scheduled task).
 *
 * @public
 */
export interface ReliabilityDataProvider {
  /** A stable name, used in logs and audit events. */
  getProviderName(): string;
  connect(connection: ReliabilityDataConnection): Promise<void>;
}
