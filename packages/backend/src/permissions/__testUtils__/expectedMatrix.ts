import { MatrixRequest, Principal } from './matrixBackend';

/** The hand-worked answers of one route to each principal. */
export interface ExpectedRow {
  /** The permission the route asks for, named in its 403 messages. */
  permission: string;
  /** An approver's decision: refused to every service principal. */
  personOnly?: boolean;
  /** A route that answers without writing (a dry run, a read). */
  readOnly?: boolean;
  /** A write, by Sam, that puts the data in the state the request needs. */
  prepare?: 'no pending review';
  status: Record<Principal, number>;
}

const row = (
  permission: string,
  [alice, bob, sam, token, none]: number[],
  extra: Omit<ExpectedRow, 'permission' | 'status'> = {},
): ExpectedRow => ({
  permission,
  status: { alice, bob, sam, token, none },
  ...extra,
});

/*
 * How each cell is worked out, from DemoPermissionPolicy and the token
 * config, without asking either:
 * - none: no credentials, 401 everywhere (the plugin's routes need a user
 *   or a service);
 * - alice owns checkout (member of payments, its owner) and is a member of
 *   the payments rotation's team: every entity write and rotation write is
 *   hers; the approver-only permissions (budget exceptions, waivers,
 *   review decisions) are not;
 * - bob (search) owns neither checkout nor the payments rotation: 403 on
 *   every write here; reads are every signed-in user's;
 * - sam is in group:default/sre, the approver group: allowed everything;
 * - the token is a service principal restricted to
 *   reliabilityDefaultTokenPermissions (entity, tier and on-call reads,
 *   SLI ingest, incidents): those pass without the policy, the others are
 *   denied by its access restrictions, and the person-only ones are
 *   refused by the plugin before any decision.
 * Success codes are the routes' own: 201 for a created resource, 200 for
 * an update or an answer, 204 for a deletion.
 */
const SLO = 'reliability.slo.manage';
const INGEST = 'reliability.slo.ingest';
const EXCEPTION = 'reliability.budget-exception.approve';
const INCIDENT = 'reliability.incident.manage';
const ACTION = 'reliability.action.manage';
const ONCALL = 'reliability.oncall.manage';
const ATTEST = 'reliability.readiness.attest';
const APPROVE = 'reliability.readiness.approve';
const PERSON = { personOnly: true };

const E = '/v1/entities/{kind}/{namespace}/{name}';

/** The write operations, as `writeRoutes` and the OpenAPI spec name them. */
// prettier-ignore
export const expectedWrites: Record<string, ExpectedRow> = {
  // row(permission, [alice, bob, sam, token, none], extra)
  [`PUT ${E}/slos/{sloName}`]:                 row(SLO, [200, 403, 200, 403, 401]),
  [`DELETE ${E}/slos/{sloName}`]:              row(SLO, [204, 403, 204, 403, 401]),
  [`POST ${E}/slos/{sloName}/measurements`]:   row(INGEST, [200, 403, 200, 200, 401]),
  [`PUT ${E}/slos/{sloName}/history`]:         row(INGEST, [200, 403, 200, 200, 401]),
  // The demo's SLOs are pushed: a replay is refused as a conflict.
  [`POST ${E}/slos/{sloName}/replay`]:         row(INGEST, [409, 403, 409, 409, 401]),
  [`POST ${E}/budget-exceptions`]:             row(EXCEPTION, [403, 403, 201, 403, 401], PERSON),
  [`DELETE ${E}/budget-exceptions/{id}`]:      row(EXCEPTION, [403, 403, 204, 403, 401], PERSON),
  'PUT /v1/rotations/{rotationId}':            row(ONCALL, [200, 403, 200, 403, 401]),
  'DELETE /v1/rotations/{rotationId}':         row(ONCALL, [204, 403, 204, 403, 401]),
  'POST /v1/rotations/{rotationId}/overrides': row(ONCALL, [201, 403, 201, 403, 401]),
  'DELETE /v1/rotations/{rotationId}/overrides/{overrideId}':
                                               row(ONCALL, [204, 403, 204, 403, 401]),
  'POST /v1/incidents':                        row(INCIDENT, [201, 403, 201, 201, 401]),
  'PATCH /v1/incidents/{id}':                  row(INCIDENT, [200, 403, 200, 200, 401]),
  'DELETE /v1/incidents/{id}':                 row(INCIDENT, [204, 403, 204, 204, 401]),
  'PUT /v1/incidents/{id}/postmortem':         row(INCIDENT, [200, 403, 200, 200, 401]),
  'POST /v1/actions':                          row(ACTION, [201, 403, 201, 403, 401]),
  // Ana owns the action, not Bob: the owner's status rule is not his (and
  // the request changes the priority).
  'PATCH /v1/actions/{id}':                    row(ACTION, [200, 403, 200, 403, 401]),
  'DELETE /v1/actions/{id}':                   row(ACTION, [204, 403, 204, 403, 401]),
  // A dry run: allowed or not, it writes nothing.
  'POST /v1/actions/import':                   row(ACTION, [200, 403, 200, 403, 401], { readOnly: true }),
  [`POST ${E}/readiness/attestations`]:        row(ATTEST, [201, 403, 201, 403, 401]),
  [`DELETE ${E}/readiness/attestations/{id}`]: row(ATTEST, [204, 403, 204, 403, 401]),
  [`POST ${E}/readiness/waivers`]:             row(APPROVE, [403, 403, 201, 403, 401], PERSON),
  [`DELETE ${E}/readiness/waivers/{id}`]:      row(APPROVE, [403, 403, 204, 403, 401], PERSON),
  // The seeded review is pending, and a second request would be a 409
  // whoever sends it: Sam rejects the pending one first.
  [`POST ${E}/readiness/reviews`]:             row(ATTEST, [201, 403, 201, 403, 401], { prepare: 'no pending review' }),
  'POST /v1/readiness/reviews/{id}/decision':  row(APPROVE, [403, 403, 200, 403, 401], PERSON),
};

/** Representative reads: every signed-in user and the token may read. */
export const expectedReads: Record<string, ExpectedRow & MatrixRequest> = {
  'GET checkout/summary': {
    ...row('reliability.entity.read', [200, 200, 200, 200, 401], {
      readOnly: true,
    }),
    method: 'get',
    path: '/api/reliability/v1/entities/component/default/checkout/summary',
  },
  'GET /rotations/payments-primary': {
    ...row('reliability.oncall.read', [200, 200, 200, 200, 401], {
      readOnly: true,
    }),
    method: 'get',
    path: '/api/reliability/v1/rotations/payments-primary',
  },
};
