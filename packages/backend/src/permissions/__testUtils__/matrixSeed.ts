import { MatrixBackend } from './matrixBackend';
import {
  API,
  CHECKOUT,
  dateIn,
  isoIn,
  MatrixIds,
  paymentsRotationBody,
  SEARCH_API,
  searchRotationBody,
  sloSpec,
} from './writeRoutes';

/** Bob's own resources, beside the payments ones the write routes use. */
export interface SeededForBob {
  incidentId: number;
  attestationId: number;
  overrideId: number;
}

/**
 * One of every resource the write routes take an id of, created through
 * the API by checkout's owner Alice, as the valid requests of the write
 * routes expect them (the budget exception and the waiver by Sam, whose
 * decisions they are); and the same kinds of resource of search-api,
 * created by its owner Bob, for the swapped-id cases. A pending review is
 * requested by Alice, so that Sam is not deciding his own request.
 */
export async function seedMatrix(
  backend: MatrixBackend,
): Promise<{ seeded: MatrixIds; bob: SeededForBob }> {
  const { must } = backend;
  const alice = (method: 'put' | 'post', path: string, body: object) =>
    must('alice', { method, path, body });
  const bob = (method: 'put' | 'post', path: string, body: object) =>
    must('bob', { method, path, body });

  await alice('put', `${CHECKOUT}/slos/availability`, sloSpec);
  await alice('post', `${CHECKOUT}/slos/availability/measurements`, [
    { timestamp: isoIn(-0.01), good: 99, total: 100 },
  ]);
  const incident = await alice('post', `${API}/incidents`, {
    title: 'Checkout 5xx after deploy',
    severity: 'SEV2',
    entityRefs: ['component:default/checkout'],
    startedAt: isoIn(-2),
    mitigatedAt: isoIn(-1.9),
  });
  await alice('put', `${API}/incidents/${incident.id}/postmortem`, {
    status: 'draft',
  });
  const action = await alice('post', `${API}/actions`, {
    title: 'Add a canary',
    entityRef: 'component:default/checkout',
    owner: 'user:default/ana',
    priority: 'P1',
    dueDate: dateIn(14),
  });
  await alice('put', `${API}/rotations/payments-primary`, paymentsRotationBody);
  const override = await alice(
    'post',
    `${API}/rotations/payments-primary/overrides`,
    { start: isoIn(1), end: isoIn(2), user: 'user:default/bruno' },
  );
  const attestation = await alice(
    'post',
    `${CHECKOUT}/readiness/attestations`,
    {
      itemId: 'rollback',
      evidenceUrl: 'https://wiki.example.com/checkout/rollback',
    },
  );
  const review = await alice('post', `${CHECKOUT}/readiness/reviews`, {
    targetLaunchDate: dateIn(30),
  });

  const exception = await must('sam', {
    method: 'post',
    path: `${CHECKOUT}/budget-exceptions`,
    body: { reason: 'Exhausted by a bad deploy, fixed', expiresAt: isoIn(3) },
  });
  const waiver = await must('sam', {
    method: 'post',
    path: `${CHECKOUT}/readiness/waivers`,
    body: {
      itemId: 'runbook',
      reason: 'The runbook is being rewritten',
      expiresAt: isoIn(10),
    },
  });

  const bobsIncident = await bob('post', `${API}/incidents`, {
    title: 'Search timeouts',
    severity: 'SEV3',
    entityRefs: ['component:default/search-api'],
    startedAt: isoIn(-1),
  });
  await bob('put', `${API}/rotations/search-primary`, searchRotationBody);
  const bobsOverride = await bob(
    'post',
    `${API}/rotations/search-primary/overrides`,
    { start: isoIn(1), end: isoIn(2), user: 'user:default/bob' },
  );
  const bobsAttestation = await bob(
    'post',
    `${SEARCH_API}/readiness/attestations`,
    { itemId: 'rollback', evidenceUrl: 'https://wiki.example.com/search/rb' },
  );

  return {
    seeded: {
      incidentId: incident.id,
      actionId: action.id,
      reviewId: review.id,
      attestationId: attestation.id,
      overrideId: override.id,
      exceptionId: exception.id,
      waiverId: waiver.id,
    },
    bob: {
      incidentId: bobsIncident.id,
      attestationId: bobsAttestation.id,
      overrideId: bobsOverride.id,
    },
  };
}
