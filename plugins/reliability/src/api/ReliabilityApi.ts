import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionResponse,
  DeployGateResponse,
  EntityOnCallResponse,
  EntityReadinessResponse,
  EntitySummary,
  IncidentResponse,
  OverrideInput,
  OverviewQuery,
  OverviewResponse,
  PendingReadinessReview,
  ReadinessReviewResponse,
  RotationInput,
  RotationResponse,
  SloListResponse,
  SloPullInfo,
  SloSeriesResponse,
  TeamScorecardResponse,
  TeamTrendsResponse,
  TierPolicy,
} from '@reliability-suite/plugin-reliability-common';

/**
 * The frontend's view of the reliability backend.
 *
 * @public
 */
export interface ReliabilityApi {
  /** The tier policy, most critical first. */
  getTierPolicies(): Promise<TierPolicy[]>;
  /** One entity's reliability summary. */
  getEntitySummary(entityRef: CompoundEntityRef): Promise<EntitySummary>;
  /** The entity's SLOs with their last computed status. */
  getSlos(entityRef: CompoundEntityRef): Promise<SloListResponse>;
  /** Attainment and budget remaining over time, for a chart. */
  getSloSeries(
    entityRef: CompoundEntityRef,
    sloName: string,
    options?: { from?: Date; to?: Date; step?: string },
  ): Promise<SloSeriesResponse>;
  /** Whether the entity may deploy now under its error-budget policy. */
  getDeployGate(entityRef: CompoundEntityRef): Promise<DeployGateResponse>;
  /** Who is on call for the entity now, with the next hand-offs and gaps. */
  getEntityOnCall(entityRef: CompoundEntityRef): Promise<EntityOnCallResponse>;
  /** A team's rotations. */
  listRotations(team: string): Promise<RotationResponse[]>;
  /**
   * Creates a rotation, or replaces it when `version` is its current one;
   * a stale version fails with a 412 `ResponseError`.
   */
  putRotation(
    id: string,
    input: Omit<RotationInput, 'version'>,
    version?: number,
  ): Promise<RotationResponse>;
  addOverride(rotationId: string, override: OverrideInput): Promise<void>;
  /** The entity's incidents since a time (default 90 days), newest first. */
  getEntityIncidents(
    entityRef: CompoundEntityRef,
    since?: Date,
  ): Promise<IncidentResponse[]>;
  /** The entity's actions, overdue first; default only open ones. */
  getEntityActions(
    entityRef: CompoundEntityRef,
    status?: 'open' | 'in-progress' | 'done' | 'wont-do' | 'all',
  ): Promise<ActionResponse[]>;
  createAction(action: {
    title: string;
    entityRef: string;
    owner: string;
    priority: string;
    dueDate: string;
    incidentId?: string | null;
    ticketUrl?: string | null;
  }): Promise<ActionResponse>;
  getReadiness(entityRef: CompoundEntityRef): Promise<EntityReadinessResponse>;
  attest(
    entityRef: CompoundEntityRef,
    body: { itemId: string; evidenceUrl: string; note?: string | null },
  ): Promise<void>;
  waive(
    entityRef: CompoundEntityRef,
    body: { itemId: string; reason: string; expiresAt: string },
  ): Promise<void>;
  requestReview(
    entityRef: CompoundEntityRef,
    targetLaunchDate?: string | null,
  ): Promise<ReadinessReviewResponse>;
  decideReview(
    reviewId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ReadinessReviewResponse>;
  /** A page of the catalog-wide overview with facet counts. */
  getOverview(query: OverviewQuery): Promise<OverviewResponse>;
  /** The overview's rows for the same filters, as a CSV file. */
  exportOverviewCsv(query: OverviewQuery): Promise<Blob>;
  /** A team's KPIs against the targets, child groups included. */
  getTeamScorecard(teamRef: string): Promise<TeamScorecardResponse>;
  /** The team's daily KPI values over the last `days` days. */
  getTeamTrends(teamRef: string, days: number): Promise<TeamTrendsResponse>;
  /** The SRE queue: pending reviews with tier, owner and failing items. */
  listPendingReviews(): Promise<PendingReadinessReview[]>;
  /** Changes an action; a stale `version` fails with a 412 `ResponseError`. */
  updateAction(
    id: string,
    changes: Partial<
      Pick<
        ActionResponse,
        'title' | 'owner' | 'priority' | 'dueDate' | 'status' | 'ticketUrl'
      >
    >,
    version: number,
  ): Promise<ActionResponse>;
  deleteOverride(rotationId: string, overrideId: string): Promise<void>;
  /**
   * Deletes a rotation and its overrides; with `version`, a stale one
   * fails with a 412 `ResponseError`.
   */
  deleteRotation(id: string, version?: number): Promise<void>;
  /**
   * Deletes an API-managed SLO of the entity. A stale `version` fails with
   * a 412 `ResponseError`, an SLO from the catalog with a 409.
   */
  deleteSlo(
    entityRef: CompoundEntityRef,
    sloName: string,
    version: number,
  ): Promise<void>;
  /**
   * Re-reads a pulled SLO's history from its SLI provider from `from` (an
   * ISO instant; default its whole history) on. Answers the SLO's pull
   * state, whose `replay.progress` shows how far it is; a pushed SLO is a
   * 409 `ResponseError`.
   */
  replaySlo(
    entityRef: CompoundEntityRef,
    sloName: string,
    from?: string,
  ): Promise<SloPullInfo>;
  /**
   * The SLO as an OpenSLO v1 file (YAML), catalog and API SLOs alike: what
   * to commit next to the entity's catalog-info.yaml.
   */
  exportOpenSlo(entityRef: CompoundEntityRef, sloName: string): Promise<Blob>;
  /** Revokes a budget exception (an approver's decision: a person's). */
  revokeBudgetException(
    entityRef: CompoundEntityRef,
    exceptionId: string,
  ): Promise<void>;
  /**
   * Deletes an incident with its postmortem; its actions stay, unlinked.
   * A stale `version` fails with a 412 `ResponseError`.
   */
  deleteIncident(id: string, version: number): Promise<void>;
  /** Deletes an action; a stale `version` fails with a 412 `ResponseError`. */
  deleteAction(id: string, version: number): Promise<void>;
  /** Revokes a readiness waiver (an approver's decision: a person's). */
  revokeWaiver(entityRef: CompoundEntityRef, waiverId: string): Promise<void>;
}

/** @public */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
