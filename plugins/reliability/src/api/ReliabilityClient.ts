import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  TierPolicyResponse,
  toOverviewSearchParams,
} from '@reliability-suite/plugin-reliability-common';
import { ReliabilityApi } from './ReliabilityApi';

/**
 * How long the tier policy is reused. It changes only with the backend's
 * config, and the catalog table asks for it once per row.
 */
const TIER_POLICY_TTL_MS = 5 * 60 * 1000;

/** How {@link ReliabilityClient} sends one request and reads its answer. */
type RequestOptions = {
  /** A write; a GET when left out. */
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** The version the change is based on, sent as `If-Match`. */
  version?: number;
  /** JSON (the default), or the raw file for a download such as the CSV. */
  read?: 'json' | 'blob';
};

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
    return this.request<RotationResponse>(
      `/v1/rotations/${encodeURIComponent(id)}`,
      { method: 'PUT', body: input, version },
    );
  }

  async addOverride(
    rotationId: string,
    override: OverrideInput,
  ): Promise<void> {
    await this.request<void>(
      `/v1/rotations/${encodeURIComponent(rotationId)}/overrides`,
      { method: 'POST', body: override },
    );
  }

  async deleteOverride(rotationId: string, overrideId: string): Promise<void> {
    await this.request<void>(
      `/v1/rotations/${encodeURIComponent(
        rotationId,
      )}/overrides/${encodeURIComponent(overrideId)}`,
      { method: 'DELETE' },
    );
  }

  async deleteRotation(id: string, version?: number): Promise<void> {
    await this.request<void>(`/v1/rotations/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      version,
    });
  }

  async deleteSlo(
    entityRef: CompoundEntityRef,
    sloName: string,
    version: number,
  ): Promise<void> {
    await this.request<void>(
      `/v1/entities/${this.entityPath(entityRef)}/slos/${encodeURIComponent(
        sloName,
      )}`,
      { method: 'DELETE', version },
    );
  }

  exportOpenSlo(entityRef: CompoundEntityRef, sloName: string): Promise<Blob> {
    return this.request<Blob>(
      `/v1/entities/${this.entityPath(entityRef)}/slos/${encodeURIComponent(
        sloName,
      )}/openslo`,
      { read: 'blob' },
    );
  }

  async replaySlo(
    entityRef: CompoundEntityRef,
    sloName: string,
    from?: string,
  ): Promise<SloPullInfo> {
    return this.request<SloPullInfo>(
      `/v1/entities/${this.entityPath(entityRef)}/slos/${encodeURIComponent(
        sloName,
      )}/replay`,
      { method: 'POST', body: from === undefined ? {} : { from } },
    );
  }

  async revokeBudgetException(
    entityRef: CompoundEntityRef,
    exceptionId: string,
  ): Promise<void> {
    await this.request<void>(
      `/v1/entities/${this.entityPath(
        entityRef,
      )}/budget-exceptions/${encodeURIComponent(exceptionId)}`,
      { method: 'DELETE' },
    );
  }

  async deleteIncident(id: string, version: number): Promise<void> {
    await this.request<void>(`/v1/incidents/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      version,
    });
  }

  async deleteAction(id: string, version: number): Promise<void> {
    await this.request<void>(`/v1/actions/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      version,
    });
  }

  async revokeWaiver(
    entityRef: CompoundEntityRef,
    waiverId: string,
  ): Promise<void> {
    await this.request<void>(
      `/v1/entities/${this.entityPath(
        entityRef,
      )}/readiness/waivers/${encodeURIComponent(waiverId)}`,
      { method: 'DELETE' },
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
    return this.request<ActionResponse>('/v1/actions', {
      method: 'POST',
      body: action,
    });
  }

  updateAction(
    id: string,
    changes: Parameters<ReliabilityApi['updateAction']>[1],
    version: number,
  ): Promise<ActionResponse> {
    return this.request<ActionResponse>(
      `/v1/actions/${encodeURIComponent(id)}`,
      { method: 'PATCH', body: changes, version },
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
    await this.request<void>(
      `/v1/entities/${this.entityPath(entityRef)}/readiness/attestations`,
      { method: 'POST', body },
    );
  }

  async waive(
    entityRef: CompoundEntityRef,
    body: { itemId: string; reason: string; expiresAt: string },
  ): Promise<void> {
    await this.request<void>(
      `/v1/entities/${this.entityPath(entityRef)}/readiness/waivers`,
      { method: 'POST', body },
    );
  }

  requestReview(
    entityRef: CompoundEntityRef,
    targetLaunchDate?: string | null,
  ): Promise<ReadinessReviewResponse> {
    return this.request<ReadinessReviewResponse>(
      `/v1/entities/${this.entityPath(entityRef)}/readiness/reviews`,
      { method: 'POST', body: targetLaunchDate ? { targetLaunchDate } : {} },
    );
  }

  decideReview(
    reviewId: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ReadinessReviewResponse> {
    return this.request<ReadinessReviewResponse>(
      `/v1/readiness/reviews/${encodeURIComponent(reviewId)}/decision`,
      { method: 'POST', body: { decision, ...(comment ? { comment } : {}) } },
    );
  }

  getOverview(query: OverviewQuery): Promise<OverviewResponse> {
    const search = toOverviewSearchParams(query);
    return this.request<OverviewResponse>(
      `/v1/overview${search ? `?${search}` : ''}`,
    );
  }

  exportOverviewCsv(query: OverviewQuery): Promise<Blob> {
    const { limit: _limit, cursor: _cursor, ...filters } = query;
    const search = toOverviewSearchParams(filters);
    return this.request<Blob>(`/v1/overview.csv${search ? `?${search}` : ''}`, {
      read: 'blob',
    });
  }

  getTeamScorecard(teamRef: string): Promise<TeamScorecardResponse> {
    return this.request<TeamScorecardResponse>(
      `/v1/teams/${this.groupPath(teamRef)}/scorecard`,
    );
  }

  getTeamTrends(teamRef: string, days: number): Promise<TeamTrendsResponse> {
    return this.request<TeamTrendsResponse>(
      `/v1/teams/${this.groupPath(teamRef)}/trends?days=${days}`,
    );
  }

  async listPendingReviews() {
    const body = await this.request<{ items: PendingReadinessReview[] }>(
      '/v1/readiness/reviews?state=requested',
    );
    return body.items;
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
   * The one place requests are made. A non-2xx answer becomes a
   * `ResponseError` carrying the backend's message. Concurrent GETs of the
   * same path share one request (the badge and the tab ask for the same
   * summary); writes are never shared.
   */
  private request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const { method, body, version, read = 'json' } = options;
    const shared = method === undefined;
    const existing = shared ? this.inFlight.get(path) : undefined;
    if (existing) {
      return existing as Promise<T>;
    }
    const promise = (async () => {
      const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
      // A plain GET goes out without options, as the browser would send it.
      const response = method
        ? await this.fetchApi.fetch(`${baseUrl}${path}`, {
            method,
            headers: {
              ...(body !== undefined
                ? { 'Content-Type': 'application/json' }
                : {}),
              ...(version !== undefined ? { 'If-Match': `"${version}"` } : {}),
            },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          })
        : await this.fetchApi.fetch(`${baseUrl}${path}`);
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      if (read === 'blob') {
        return (await response.blob()) as T;
      }
      // A 204, or any answer without a body, resolves to undefined.
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    })();
    if (shared) {
      this.inFlight.set(path, promise);
      const forget = () => this.inFlight.delete(path);
      promise.then(forget, forget);
    }
    return promise;
  }
}
