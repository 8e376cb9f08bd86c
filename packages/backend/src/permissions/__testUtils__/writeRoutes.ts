import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MatrixRequest } from './matrixBackend';

/** The plugin's API. */
export const API = '/api/reliability/v1';
/** Checkout's entity routes (payments). */
export const CHECKOUT = `${API}/entities/component/default/checkout`;
/** Search-api's entity routes (search). */
export const SEARCH_API = `${API}/entities/component/default/search-api`;

const DAY = 86_400_000;

/** An instant `days` from now, as the API takes it (whole seconds, UTC). */
export const isoIn = (days: number) =>
  new Date(Math.floor((Date.now() + days * DAY) / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');

/** The whole hour `days` from now plus `minutes` (history is kept per hour). */
const hourIn = (days: number, minutes = 0) =>
  new Date(
    Math.floor((Date.now() + days * DAY) / 3_600_000) * 3_600_000 +
      minutes * 60_000,
  )
    .toISOString()
    .replace('.000Z', 'Z');

/** A local date `days` from today (UTC). */
export const dateIn = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** An OpenSLO spec the API accepts. */
export const sloSpec = {
  indicator: {
    spec: {
      ratioMetric: {
        good: { metricSource: { type: 'api' } },
        total: { metricSource: { type: 'api' } },
      },
    },
  },
  timeWindow: [{ duration: '28d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ target: 0.999 }],
};

/** The payments team's rotation. */
export const paymentsRotationBody = {
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
};

/** The search team's rotation, which Bob may manage. */
export const searchRotationBody = {
  ...paymentsRotationBody,
  name: 'Search primary',
  team: 'group:default/search',
  levels: [{ users: ['user:default/bob'] }],
};

/** The seeded payments resources the write routes name by id. */
export interface MatrixIds {
  incidentId: number;
  actionId: number;
  reviewId: number;
  attestationId: number;
  overrideId: number;
  exceptionId: number;
  waiverId: number;
}

const ifMatch1 = { 'if-match': '"1"' };
const ROTATION = `${API}/rotations/payments-primary`;

/**
 * A valid request for every write operation of the API, on checkout and
 * the payments rotation, keyed by the operation as the OpenAPI spec
 * names it (the same requests the plugin's bad-input suite starts from;
 * a compact copy, since the plugin does not export its test helpers).
 * Versioned resources are at version 1 when each request is sent.
 */
export function writeRoutes(ids: MatrixIds): Record<string, MatrixRequest> {
  const incident = `${API}/incidents/${ids.incidentId}`;
  return {
    'PUT /v1/entities/{kind}/{namespace}/{name}/slos/{sloName}': {
      method: 'put',
      path: `${CHECKOUT}/slos/availability`,
      body: { ...sloSpec, version: 1 },
    },
    'DELETE /v1/entities/{kind}/{namespace}/{name}/slos/{sloName}': {
      method: 'delete',
      path: `${CHECKOUT}/slos/availability`,
      headers: ifMatch1,
    },
    'POST /v1/entities/{kind}/{namespace}/{name}/slos/{sloName}/measurements': {
      method: 'post',
      path: `${CHECKOUT}/slos/availability/measurements`,
      body: [{ timestamp: isoIn(-0.001), good: 9, total: 10 }],
    },
    'PUT /v1/entities/{kind}/{namespace}/{name}/slos/{sloName}/history': {
      method: 'put',
      path: `${CHECKOUT}/slos/availability/history`,
      body: {
        from: hourIn(-10),
        to: hourIn(-9),
        measurements: [{ timestamp: hourIn(-10, 1), good: 9, total: 10 }],
      },
    },
    'POST /v1/entities/{kind}/{namespace}/{name}/slos/{sloName}/replay': {
      method: 'post',
      path: `${CHECKOUT}/slos/availability/replay`,
      body: {},
    },
    'POST /v1/entities/{kind}/{namespace}/{name}/budget-exceptions': {
      method: 'post',
      path: `${CHECKOUT}/budget-exceptions`,
      body: { reason: 'Hotfix for the 5xx incident', expiresAt: isoIn(2) },
    },
    'DELETE /v1/entities/{kind}/{namespace}/{name}/budget-exceptions/{id}': {
      method: 'delete',
      path: `${CHECKOUT}/budget-exceptions/${ids.exceptionId}`,
    },
    'PUT /v1/rotations/{rotationId}': {
      method: 'put',
      path: ROTATION,
      body: { ...paymentsRotationBody, version: 1 },
    },
    'DELETE /v1/rotations/{rotationId}': {
      method: 'delete',
      path: ROTATION,
      headers: ifMatch1,
    },
    'POST /v1/rotations/{rotationId}/overrides': {
      method: 'post',
      path: `${ROTATION}/overrides`,
      body: { start: isoIn(3), end: isoIn(4), user: 'user:default/ana' },
    },
    'DELETE /v1/rotations/{rotationId}/overrides/{overrideId}': {
      method: 'delete',
      path: `${ROTATION}/overrides/${ids.overrideId}`,
    },
    'POST /v1/incidents': {
      method: 'post',
      path: `${API}/incidents`,
      body: {
        title: 'Checkout slow',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        startedAt: isoIn(-1),
      },
    },
    'PATCH /v1/incidents/{id}': {
      method: 'patch',
      path: incident,
      body: { title: 'Checkout slower' },
      headers: ifMatch1,
    },
    'DELETE /v1/incidents/{id}': {
      method: 'delete',
      path: incident,
      headers: ifMatch1,
    },
    'PUT /v1/incidents/{id}/postmortem': {
      method: 'put',
      path: `${incident}/postmortem`,
      body: { status: 'in-review' },
      headers: ifMatch1,
    },
    'POST /v1/actions': {
      method: 'post',
      path: `${API}/actions`,
      body: {
        title: 'Alert on checkout latency',
        entityRef: 'component:default/checkout',
        owner: 'user:default/ana',
        priority: 'P2',
        dueDate: dateIn(10),
      },
    },
    'PATCH /v1/actions/{id}': {
      method: 'patch',
      path: `${API}/actions/${ids.actionId}`,
      body: { priority: 'P0' },
      headers: ifMatch1,
    },
    'DELETE /v1/actions/{id}': {
      method: 'delete',
      path: `${API}/actions/${ids.actionId}`,
      headers: ifMatch1,
    },
    'POST /v1/actions/import': {
      method: 'post',
      path: `${API}/actions/import`,
      query: { dryRun: 'true' },
      body: {
        actions: [
          {
            title: 'Imported: dashboards',
            entityRef: 'component:default/checkout',
            owner: 'user:default/ana',
            priority: 'P3',
            dueDate: dateIn(20),
          },
        ],
      },
    },
    'POST /v1/entities/{kind}/{namespace}/{name}/readiness/attestations': {
      method: 'post',
      path: `${CHECKOUT}/readiness/attestations`,
      body: { itemId: 'rollback', evidenceUrl: 'https://wiki.example.com/rb' },
    },
    'DELETE /v1/entities/{kind}/{namespace}/{name}/readiness/attestations/{id}':
      {
        method: 'delete',
        path: `${CHECKOUT}/readiness/attestations/${ids.attestationId}`,
      },
    'POST /v1/entities/{kind}/{namespace}/{name}/readiness/waivers': {
      method: 'post',
      path: `${CHECKOUT}/readiness/waivers`,
      body: {
        itemId: 'runbook',
        reason: 'DR test booked for January',
        expiresAt: isoIn(20),
      },
    },
    'DELETE /v1/entities/{kind}/{namespace}/{name}/readiness/waivers/{id}': {
      method: 'delete',
      path: `${CHECKOUT}/readiness/waivers/${ids.waiverId}`,
    },
    'POST /v1/entities/{kind}/{namespace}/{name}/readiness/reviews': {
      method: 'post',
      path: `${CHECKOUT}/readiness/reviews`,
      body: { targetLaunchDate: dateIn(40) },
    },
    // Rejecting takes the same permission as approving, and does not
    // depend on checkout's readiness items, which fail.
    'POST /v1/readiness/reviews/{id}/decision': {
      method: 'post',
      path: `${API}/readiness/reviews/${ids.reviewId}/decision`,
      body: { decision: 'reject' },
    },
  };
}

/**
 * Every write operation (`PUT /v1/rotations/{rotationId}`) of the
 * plugin's OpenAPI spec, the API's one contract: a route added there and
 * missing from {@link writeRoutes} fails the matrix.
 */
export function specWriteOperations(): string[] {
  // Beside the package's package.json: its exports name no other file.
  const spec = readFileSync(
    join(
      dirname(
        require.resolve(
          '@reliability-suite/plugin-reliability-backend/package.json',
        ),
      ),
      'src/schema/openapi.yaml',
    ),
    'utf8',
  );
  const operations: string[] = [];
  let path = '';
  for (const line of spec.split('\n')) {
    const pathLine = /^ {2}(\/\S*):\s*$/.exec(line);
    if (pathLine) path = pathLine[1];
    const method = /^ {4}(put|post|patch|delete):\s*$/.exec(line);
    if (method && path) operations.push(`${method[1].toUpperCase()} ${path}`);
  }
  return operations;
}
