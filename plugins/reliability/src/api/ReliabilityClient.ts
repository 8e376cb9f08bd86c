import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionResponse,
  EntityReadinessResponse,
  PendingReadinessReview,
  ReadinessReviewResponse,
  DeployGateResponse,
  IncidentResponse,
  EntityOnCallResponse,
  EntitySummary,
  OverrideInput,
  RotationInput,
  RotationResponse,
  SloListResponse,
  SloSeriesResponse,
  TierPolicy,
  TierPolicyResponse,
  OverviewQuery,
  OverviewResponse,
  TeamScorecardResponse,
  TeamTrendsResponse,
  toOverviewSearchParams,
} from '@reliability-suite/plugin-reliability-common';
import { ReliabilityApi } from './ReliabilityApi';

/**
 * How long the tier policy is reused. It changes only with the backend's
 * config, and the catalog table asks for it once per row.
 */
const TIER_POLICY_TTL_MS = 5 * 60 * 1000;

/**
 * {@link ReliabilityApi} over HTTP, with the app's discovery and
 * authenticated fetch.
 *
 * @public
 */
export class ReliabilityClient implements ReliabilityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private tierPolicies?: { promise: Promise<TierPolicy[]>; expiresAt: number };
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getTierPolicies(): Promise<TierPolicy[]> {
    const now = Date.now();
    if (!this.tierPolicies || this.tierPolicies.expiresAt <= now) {
      const promise = this.request<TierPolicyResponse>('/v1/tiers').then(
        body => body.items,
      );
      // A failed load must not be cached, or one blip breaks every row.
      promise.catch(() => {
        this.tierPolicies = undefined;
      });
      this.tierPolicies = { promise, expiresAt: now + TIER_POLICY_TTL_MS };
    }
    return this.tierPolicies.promise;
  }

  getEntitySummary(entityRef: CompoundEntityRef): Promise<EntitySummary> {
    return this.request<EntitySummary>(
      `/v1/entities/${this.entityPath(entityRef)}/summary`,
    );
  }

  getSlos(entityRef: CompoundEntityRef): Promise<SloListResponse> {
    return this.request<SloListResponse>(
      `/v1/entities/${this.entityPath(entityRef)}/slos`,
    );
  }

  getSloSeries(
    entityRef: CompoundEntityRef,
    sloName: string,
    options: { from?: Date; to?: Date; step?: string } = {},
  ): Promise<SloSeriesResponse> {
    const query = new URLSearchParams();
    if (options.from) query.set('from', options.from.toISOString());
    if (options.to) query.set('to', options.to.toISOString());
    if (options.step) query.set('step', options.step);
    const suffix = query.toString() ? `?${query}` : '';
    return this.request<SloSeriesResponse>(
      `/v1/entities/${this.entityPath(entityRef)}/slos/${encodeURIComponent(
        sloName,
      )}/series${suffix}`,
    );
  }

  getDeployGate(entityRef: CompoundEntityRef): Promise<DeployGateResponse> {
    return this.request<DeployGateResponse>(
      `/v1/entities/${this.entityPath(entityRef)}/deploy-gate`,
    );
  }

  getEntityOnCall(entityRef: CompoundEntityRef): Promise<EntityOnCallResponse> {
    return this.request<EntityOnCallResponse>(
      `/v1/entities/${this.entityPath(entityRef)}/oncall`,
    );
  }

  async listRotations(team: string): Promise<RotationResponse[]> {
    const body = await this.request<{ items: RotationResponse[] }>(
      `/v1/rotations?owner=${encodeURIComponent(team)}`,
    );
    return body.items;
  }

  putRotation(
    id: string,
    input: Omit<RotationInput, 'version'>,
    version?: number,
  ): Promise<RotationResponse> {
    return this.send<RotationResponse>(
      'PUT',
      `/v1/rotations/${encodeURIComponent(id)}`,
      input,
      version,
    );
  }

  async addOverride(
    rotationId: string,
    override: OverrideInput,
  ): Promise<void> {
    await this.send(
      'POST',
      `/v1/rotations/${encodeURIComponent(rotationId)}/overrides`,
      override,
    );
  }

  async deleteOverride(rotationId: string, overrideId: string): Promise<void> {
    await this.send(
      'DELETE',
      `/v1/rotations/${encodeURIComponent(
        rotationId,
      )}/overrides/${encodeURIComponent(overrideId)}`,
    );
  }

  async getEntityIncidents(
    entityRef: CompoundEntityRef,
    since?: Date,
  ): Promise<IncidentResponse[]> {
    const suffix = since
      ? `?since=${encodeURIComponent(since.toISOString())}`
      : '';
    const body = await this.request<{ items: IncidentResponse[] }>(
      `/v1/entities/${this.entityPath(entityRef)}/incidents${suffix}`,
    );
    return body.items;
  }

  async getEntityActions(
    entityRef: CompoundEntityRef,
    status?: 'open' | 'in-progress' | 'done' | 'wont-do' | 'all',
  ): Promise<ActionResponse[]> {
    const suffix = status ? `?status=${status}` : '';
    const body = await this.request<{ items: ActionResponse[] }>(
      `/v1/entities/${this.entityPath(entityRef)}/actions${suffix}`,
    );
    return body.items;
  }

  createAction(
    action: Parameters<ReliabilityApi['createAction']>[0],
  ): Promise<ActionResponse> {
    return this.send<ActionResponse>('POST', '/v1/actions', action);
  }

  updateAction(
    id: string,
    changes: Parameters<ReliabilityApi['updateAction']>[1],
    version: number,
  ): Promise<ActionResponse> {
    return this.send<ActionResponse>(
      'PATCH',
      `/v1/actions/${encodeURIComponent(id)}`,
      changes,
      version,
    );
  }

  getReadiness(entityRef: CompoundEntityRef): Promise<EntityReadinessResponse> {
    return this.request<EntityReadinessResponse>(
      `/v1/entities/${this.entityPath(entityRef)}/readiness`,
    );
  }

  async attest(
    entityRef: CompoundEntityRef,
    body: { itemId: string; evidenceUrl: string; note?: string | null },
  ): Promise<void> {
    await this.send(
      'POST',
      `/v1/entities/${this.entityPath(entityRef)}/readiness/attestations`,
      body,
    );
  }

  async waive(
    entityRef: CompoundEntityRef,
    body: { itemId: string; reason: string; expiresAt: string },
  ): Promise<void> {
    await this.send(
      'POST',
      `/v1/entities/${this.entityPath(entityRef)}/readiness/waivers`,
      body,
    );
  }

  requestReview(
    entityRef: CompoundEntityRef,
    targetLaunchDate?: string | null,
  ): Promise<ReadinessReviewResponse> {
    return this.send(
      'POST',
      `/v1/entities/${this.entityPath(entityRef)}/readiness/reviews`,
      targetLaunchDate ? { targetLaunchDate } : {},
    );
  }

  decideReview(
    reviewId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ReadinessReviewResponse> {
    return this.send(
      'POST',
      `/v1/readiness/reviews/${encodeURIComponent(reviewId)}/decision`,
      { decision, ...(comment ? { comment } : {}) },
    );
  }

  getOverview(query: OverviewQuery): Promise<OverviewResponse> {
    const search = toOverviewSearchParams(query);
    return this.request<OverviewResponse>(
      `/v1/overview${search ? `?${search}` : ''}`,
    );
  }

  async exportOverviewCsv(query: OverviewQuery): Promise<Blob> {
    const { limit: _limit, cursor: _cursor, ...filters } = query;
    const search = toOverviewSearchParams(filters);
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/overview.csv${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  getTeamScorecard(teamRef: string): Promise<TeamScorecardResponse> {
    return this.request(`/v1/teams/${this.groupPath(teamRef)}/scorecard`);
  }

  getTeamTrends(teamRef: string, days: number): Promise<TeamTrendsResponse> {
    return this.request(
      `/v1/teams/${this.groupPath(teamRef)}/trends?days=${days}`,
    );
  }

  async listPendingReviews() {
    const body = await this.request<{ items: PendingReadinessReview[] }>(
      '/v1/readiness/reviews?state=requested',
    );
    return body.items;
  }

  /** Writes: never shared, JSON in and out, `If-Match` when versioned. */
  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    version?: number,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(version !== undefined ? { 'If-Match': `"${version}"` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.status === 204
      ? (undefined as T)
      : ((await response.json()) as T);
  }

  /** `namespace/name` of a Group ref such as `group:default/payments`. */
  private groupPath(teamRef: string): string {
    const { namespace, name } = parseEntityRef(teamRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return [namespace, name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
  }

  private entityPath({ kind, namespace, name }: CompoundEntityRef): string {
    return [kind, namespace || 'default', name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
  }

  /**
   * The one place requests are made. Concurrent GETs of the same path share
   * one request (the badge and the tab ask for the same summary), and a
   * non-2xx answer becomes a `ResponseError` carrying the backend's message.
   */
  private request<T>(path: string): Promise<T> {
    const existing = this.inFlight.get(path);
    if (existing) {
      return existing as Promise<T>;
    }
    const promise = (async () => {
      const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
      const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return (await response.json()) as T;
    })();
    this.inFlight.set(path, promise);
    const forget = () => this.inFlight.delete(path);
    promise.then(forget, forget);
    return promise;
  }
}
