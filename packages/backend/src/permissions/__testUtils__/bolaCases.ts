import { MatrixRequest } from './matrixBackend';
import { SeededForBob } from './matrixSeed';
import {
  API,
  CHECKOUT,
  dateIn,
  isoIn,
  MatrixIds,
  paymentsRotationBody,
  SEARCH_API,
  searchRotationBody,
} from './writeRoutes';

const INCIDENT = 'reliability.incident.manage';
const ACTION = 'reliability.action.manage';
const ONCALL = 'reliability.oncall.manage';
const ATTEST = 'reliability.readiness.attest';
const APPROVE = 'reliability.readiness.approve';

/** Bob's request with a payments id in it, and what it must get. */
export interface BolaCase {
  name: string;
  request: (ids: { seeded: MatrixIds; bob: SeededForBob }) => MatrixRequest;
  status: number;
  /** The permission a 403 names. */
  permission?: string;
}

const ifMatch1 = { 'if-match': '"1"' };
const anAction = (entityRef: string) => ({
  title: 'Look into it',
  entityRef,
  owner: 'user:default/bob',
  priority: 'P2',
  dueDate: dateIn(10),
});

/**
 * Bob (search) holds the rights on search-api and the search rotation
 * only. Each case puts a payments id or ref where Bob's own would go: a
 * denial (403) where the route checks the resource the id names, a 404
 * where the id is looked up inside Bob's own resource. Bob's own requests
 * come first: they succeed, so the refusals are about the ids.
 */
export const bolaCases: BolaCase[] = [
  {
    name: 'his own incident: PATCH succeeds (the control)',
    request: ({ bob }) => ({
      method: 'patch',
      path: `${API}/incidents/${bob.incidentId}`,
      headers: ifMatch1,
      body: { title: 'Search timeouts, again' },
    }),
    status: 200,
  },
  {
    name: 'his own attestation: DELETE succeeds (the control)',
    request: ({ bob }) => ({
      method: 'delete',
      path: `${SEARCH_API}/readiness/attestations/${bob.attestationId}`,
    }),
    status: 204,
  },
  {
    name: "his own rotation's override: DELETE succeeds (the control)",
    request: ({ bob }) => ({
      method: 'delete',
      path: `${API}/rotations/search-primary/overrides/${bob.overrideId}`,
    }),
    status: 204,
  },
  {
    name: "URL: checkout's attestation id under search-api → 404",
    request: ({ seeded }) => ({
      method: 'delete',
      path: `${SEARCH_API}/readiness/attestations/${seeded.attestationId}`,
    }),
    status: 404,
  },
  {
    name: 'URL: his attestation id under checkout → 403',
    request: ({ bob }) => ({
      method: 'delete',
      path: `${CHECKOUT}/readiness/attestations/${bob.attestationId}`,
    }),
    status: 403,
    permission: ATTEST,
  },
  {
    name: 'URL: the payments override id under the search rotation → 404',
    request: ({ seeded }) => ({
      method: 'delete',
      path: `${API}/rotations/search-primary/overrides/${seeded.overrideId}`,
    }),
    status: 404,
  },
  {
    name: "URL: checkout's action id, a status change he does not own → 403",
    request: ({ seeded }) => ({
      method: 'patch',
      path: `${API}/actions/${seeded.actionId}`,
      headers: ifMatch1,
      body: { status: 'done' },
    }),
    status: 403,
    permission: ACTION,
  },
  {
    name: "URL: checkout's incident id → 403",
    request: ({ seeded }) => ({
      method: 'patch',
      path: `${API}/incidents/${seeded.incidentId}`,
      headers: ifMatch1,
      body: { title: 'Nothing to see' },
    }),
    status: 403,
    permission: INCIDENT,
  },
  {
    name: "URL: checkout's incident id, its postmortem → 403",
    request: ({ seeded }) => ({
      method: 'put',
      path: `${API}/incidents/${seeded.incidentId}/postmortem`,
      body: { status: 'published' },
    }),
    status: 403,
    permission: INCIDENT,
  },
  {
    name: "URL: checkout's incident id, DELETE → 403",
    request: ({ seeded }) => ({
      method: 'delete',
      path: `${API}/incidents/${seeded.incidentId}`,
      headers: ifMatch1,
    }),
    status: 403,
    permission: INCIDENT,
  },
  {
    name: "URL: checkout's action id, DELETE → 403",
    request: ({ seeded }) => ({
      method: 'delete',
      path: `${API}/actions/${seeded.actionId}`,
      headers: ifMatch1,
    }),
    status: 403,
    permission: ACTION,
  },
  {
    name: "URL: checkout's review id, a decision → 403",
    request: ({ seeded }) => ({
      method: 'post',
      path: `${API}/readiness/reviews/${seeded.reviewId}/decision`,
      body: { decision: 'reject' },
    }),
    status: 403,
    permission: APPROVE,
  },
  {
    name: 'URL: an override of the payments rotation → 403',
    request: () => ({
      method: 'post',
      path: `${API}/rotations/payments-primary/overrides`,
      body: { start: isoIn(3), end: isoIn(4), user: 'user:default/bob' },
    }),
    status: 403,
    permission: ONCALL,
  },
  {
    name: 'URL: the payments rotation, handed to search → 403',
    request: () => ({
      method: 'put',
      path: `${API}/rotations/payments-primary`,
      body: { ...searchRotationBody, version: 1 },
    }),
    status: 403,
    permission: ONCALL,
  },
  {
    name: 'body: his rotation moved to team payments → 403',
    request: () => ({
      method: 'put',
      path: `${API}/rotations/search-primary`,
      body: { ...paymentsRotationBody, name: 'Search primary', version: 1 },
    }),
    status: 403,
    permission: ONCALL,
  },
  {
    name: 'body: a new rotation of team payments → 403',
    request: () => ({
      method: 'put',
      path: `${API}/rotations/payments-secondary`,
      body: paymentsRotationBody,
    }),
    status: 403,
    permission: ONCALL,
  },
  {
    name: 'body: an action whose entityRef is checkout → 403',
    request: () => ({
      method: 'post',
      path: `${API}/actions`,
      body: anAction('component:default/checkout'),
    }),
    status: 403,
    permission: ACTION,
  },
  {
    name: 'body: an import with one checkout action among his → 403',
    request: () => ({
      method: 'post',
      path: `${API}/actions/import`,
      body: {
        actions: [
          anAction('component:default/search-api'),
          anAction('component:default/checkout'),
        ],
      },
    }),
    status: 403,
    permission: ACTION,
  },
  {
    name: 'body: an incident linking search-api and checkout → 403',
    request: () => ({
      method: 'post',
      path: `${API}/incidents`,
      body: {
        title: 'Search and checkout down',
        severity: 'SEV2',
        entityRefs: [
          'component:default/search-api',
          'component:default/checkout',
        ],
        startedAt: isoIn(-1),
      },
    }),
    status: 403,
    permission: INCIDENT,
  },
  {
    name: 'body: his own incident linked to checkout → 403',
    request: ({ bob }) => ({
      method: 'patch',
      path: `${API}/incidents/${bob.incidentId}`,
      headers: ifMatch1,
      body: {
        entityRefs: [
          'component:default/search-api',
          'component:default/checkout',
        ],
      },
    }),
    status: 403,
    permission: INCIDENT,
  },
];
