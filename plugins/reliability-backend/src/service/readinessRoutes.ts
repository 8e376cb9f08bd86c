import { NotFoundError } from '@backstage/errors';
import {
  reliabilityReadinessApprovePermission,
  reliabilityReadinessAttestPermission,
} from '@reliability-suite/plugin-reliability-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request, Router } from 'express';
import { ReadinessAttestationService } from '../readiness/ReadinessAttestationService';
import { ReadinessReviewService } from '../readiness/ReadinessReviewService';
import { noQuerySchema } from '../request/entityPathSchema';
import { numericIdPathSchema } from '../request/fieldSchemas';
import { parseIfMatch } from '../request/parseIfMatch';
import { parseInput } from '../request/parseInput';
import {
  attestationBodySchema,
  attestationPathSchema,
  decodeReviewCursor,
  encodeReviewCursor,
  reviewDecisionBodySchema,
  reviewPathSchema,
  reviewQueueQuerySchema,
  reviewRequestBodySchema,
  waiverBodySchema,
} from '../request/readinessSchemas';
import { DateRules } from '../request/DateRules';
import { RouteContext } from './RouteContext';

/** What the readiness routes use. */
export interface ReadinessRoutesOptions {
  route: Pick<
    RouteContext,
    'authorizer' | 'entityRefOf' | 'readEntity' | 'actorOf' | 'audited'
  >;
  attestations: ReadinessAttestationService;
  reviews: ReadinessReviewService;
  now: () => Date;
  /** The sane ranges of dates, on the routes' clock. */
  dates: DateRules;
}

/** Readiness: evaluation, attestations, waivers and the review workflow. */
export function registerReadinessRoutes(
  router: Router,
  options: ReadinessRoutesOptions,
) {
  const { route, attestations, reviews, now } = options;
  const { authorizer } = route;
  const base = '/v1/entities/:kind/:namespace/:name/readiness';

  /** The entity, with `permission` on it, and who acts. */
  async function writableEntity(
    req: Request,
    entityRef: string,
    permission: ResourcePermission,
  ) {
    const credentials = await authorizer.authorize(req, permission, entityRef);
    const entity = await authorizer.entityOf(entityRef, credentials);
    return { entityRef, entity, actor: route.actorOf(credentials) };
  }

  router.get(base, async (req, res) => {
    const { entityRef, entity, credentials } = await route.readEntity(req);
    res.json(
      await reviews.entityReadiness(entityRef, entity, credentials, now()),
    );
  });

  router.post(`${base}/attestations`, async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const entityRef = route.entityRefOf(req);
    const body = parseInput(attestationBodySchema, req.body, 'request body');
    const { actor, ...target } = await writableEntity(
      req,
      entityRef,
      reliabilityReadinessAttestPermission,
    );
    const attestation = await route.audited(
      req,
      'readiness-attest',
      { entityRef, itemId: body.itemId },
      () => attestations.attest(target, { ...body, actor, at: now() }),
      a => ({ attestation: a.id }),
    );
    res.status(201).json(attestation);
  });

  router.delete(`${base}/attestations/:id`, async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const entityRef = route.entityRefOf(req);
    const { id } = parseInput(
      attestationPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    await writableEntity(req, entityRef, reliabilityReadinessAttestPermission);
    await route.audited(
      req,
      'readiness-attestation-delete',
      { entityRef, attestation: id },
      () => attestations.deleteAttestation(entityRef, id),
    );
    res.status(204).end();
  });

  router.post(`${base}/waivers`, async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const entityRef = route.entityRefOf(req);
    const body = parseInput(waiverBodySchema, req.body, 'request body');
    const { actor, ...target } = await writableEntity(
      req,
      entityRef,
      reliabilityReadinessApprovePermission,
    );
    const waiver = await route.audited(
      req,
      'readiness-waive',
      {
        entityRef,
        itemId: body.itemId,
        expiresAt: body.expiresAt,
      },
      () => attestations.waive(target, { ...body, actor, at: now() }),
      w => ({ waiver: w.id }),
    );
    res.status(201).json(waiver);
  });

  router.delete(`${base}/waivers/:id`, async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const entityRef = route.entityRefOf(req);
    const { id } = parseInput(
      numericIdPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    // Waivers never change, so there is no version to compare: a
    // well-formed If-Match is accepted, none is needed.
    parseIfMatch(req);
    // Revoking is an approver's decision (a person's), as waiving was.
    await writableEntity(req, entityRef, reliabilityReadinessApprovePermission);
    await route.audited(
      req,
      'readiness-waiver-revoke',
      { entityRef, waiver: id },
      () => attestations.revokeWaiver(entityRef, id),
      w => ({ itemId: w.itemId, approvedBy: w.approvedBy }),
    );
    res.status(204).end();
  });

  router.post(`${base}/reviews`, async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const entityRef = route.entityRefOf(req);
    const body = parseInput(
      reviewRequestBodySchema(options.dates),
      req.body ?? {},
      'request body',
    );
    const { actor } = await writableEntity(
      req,
      entityRef,
      reliabilityReadinessAttestPermission,
    );
    const review = await route.audited(
      req,
      'readiness-review-request',
      { entityRef },
      () =>
        reviews.requestReview({
          entityRef,
          targetLaunchDate: body.targetLaunchDate,
          actor,
          at: now(),
        }),
      r => ({ review: r.id }),
    );
    res.status(201).json(review);
  });

  router.post('/v1/readiness/reviews/:id/decision', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const { id } = parseInput(
      reviewPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    const body = parseInput(reviewDecisionBodySchema, req.body, 'request body');
    const review = await reviews.getReview(id);
    if (!review) {
      await authorizer.credentials(req);
      throw new NotFoundError(`No review ${id}`);
    }
    const credentials = await authorizer.authorize(
      req,
      reliabilityReadinessApprovePermission,
      review.entityRef,
    );
    const decided = await route.audited(
      req,
      'readiness-review-decide',
      { review: id, entityRef: review.entityRef, decision: body.decision },
      () =>
        reviews.decide({
          review,
          ...body,
          actor: route.actorOf(credentials),
          credentials,
          at: now(),
        }),
    );
    res.json(decided);
  });

  router.get('/v1/readiness/reviews', async (req, res) => {
    const { state, limit, cursor } = parseInput(
      reviewQueueQuerySchema,
      req.query,
      'query parameter',
    );
    const afterId = cursor ? decodeReviewCursor(cursor) : undefined;
    const credentials = await authorizer.credentials(req);
    const { items, nextAfterId } = await reviews.queue({
      state,
      afterId,
      limit,
      credentials,
      at: now(),
      readable: rows =>
        authorizer.filterReadable(credentials, rows, r => r.entityRef),
    });
    res.json({
      items,
      nextCursor: nextAfterId === null ? null : encodeReviewCursor(nextAfterId),
    });
  });
}
