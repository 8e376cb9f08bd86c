import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EntityReadinessResponse,
  failingRequiredItems,
  PendingReadinessReview,
  READINESS_DR_TEST_ITEM,
  readinessChanges,
  reliabilityReadinessApprovePermission,
  reliabilityReadinessAttestPermission,
} from '@reliability-suite/plugin-reliability-common';
import { Router } from 'express';
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { parseInput } from './request/parseInput';
import { RouteContext } from './RouteContext';

const httpUrl = z
  .string()
  .max(2048)
  .url('must be an http(s) URL')
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const isoTimestamp = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp' });
const MAX_PAGE = 100;

/** Readiness: evaluation, attestations, waivers and the review workflow. */
export function registerReadinessRoutes(router: Router, ctx: RouteContext) {
  const { stores, readinessService, httpAuth, catalog, now } = ctx.deps;
  const base = '/v1/entities/:kind/:namespace/:name/readiness';

  /** The item must be in the entity's template (or the DR test record). */
  function itemOf(
    entity: Parameters<typeof readinessService.templateFor>[0],
    itemId: string,
  ) {
    const item = readinessService
      .templateFor(entity)
      .template.find(i => i.id === itemId);
    if (!item && itemId !== READINESS_DR_TEST_ITEM) {
      throw new InputError(
        `Invalid request body 'itemId': '${itemId}' is not an item of this entity's readiness template`,
      );
    }
    return item;
  }

  router.get(base, async (req, res) => {
    const { entityRef, entity, credentials } = await ctx.readEntity(req);
    const at = now();
    const result = await readinessService.evaluate(entity, at, credentials);
    const [latest] = await stores.readiness.listReviews(entityRef);
    const body: EntityReadinessResponse = {
      items: result.items,
      score: result.score,
      ready: result.ready,
      tier: result.tierId,
      review: latest
        ? await readinessService.reviewView(latest, result.tierId, at)
        : null,
    };
    res.json(body);
  });

  router.post(`${base}/attestations`, async (req, res) => {
    const entityRef = ctx.entityRefOf(req);
    const body = parseInput(
      z
        .object({
          itemId: z.string().min(1).max(63),
          evidenceUrl: httpUrl,
          note: z.string().max(2000).nullable().optional(),
        })
        .strict(),
      req.body,
      'request body',
    );
    const credentials = await ctx.authorize(
      req,
      reliabilityReadinessAttestPermission,
      entityRef,
    );
    const entity = await ctx.entityOf(entityRef, credentials);
    const item = itemOf(entity, body.itemId);
    // A DR test is recorded as an attestation even where the template
    // checks it automatically: the rule reads the record's date.
    if (item?.rule && body.itemId !== READINESS_DR_TEST_ITEM) {
      throw new InputError(
        `Invalid request body 'itemId': '${body.itemId}' is checked automatically and cannot be attested`,
      );
    }
    const at = now();
    const validFor = Duration.fromISO(
      item?.attestationValidFor ?? 'P365D',
    ).toMillis();
    const attestation = await ctx.audited(
      req,
      'readiness-attest',
      { entityRef, itemId: body.itemId },
      () =>
        stores.readiness.addAttestation(entityRef, {
          itemId: body.itemId,
          evidenceUrl: body.evidenceUrl,
          note: body.note ?? null,
          attestedBy: ctx.actorOf(credentials),
          attestedAt: at.toISOString(),
          expiresAt: new Date(at.getTime() + validFor).toISOString(),
        }),
      a => ({ attestation: a.id }),
    );
    await ctx.refreshSummaries([entityRef]);
    res.status(201).json(attestation);
  });

  router.delete(`${base}/attestations/:id`, async (req, res) => {
    const entityRef = ctx.entityRefOf(req);
    const { id } = parseInput(
      z.object({
        id: z.string().regex(/^\d{1,12}$/, 'must be an attestation id'),
      }),
      { id: req.params.id },
      'path parameter',
    );
    const credentials = await ctx.authorize(
      req,
      reliabilityReadinessAttestPermission,
      entityRef,
    );
    await ctx.entityOf(entityRef, credentials);
    const deleted = await ctx.audited(
      req,
      'readiness-attestation-delete',
      { entityRef, attestation: id },
      () => stores.readiness.deleteAttestation(entityRef, id),
    );
    await ctx.refreshSummaries([entityRef]);
    if (!deleted)
      throw new NotFoundError(`No attestation ${id} on ${entityRef}`);
    res.status(204).end();
  });

  router.post(`${base}/waivers`, async (req, res) => {
    const entityRef = ctx.entityRefOf(req);
    const body = parseInput(
      z
        .object({
          itemId: z.string().min(1).max(63),
          reason: z
            .string()
            .trim()
            .min(10, 'must explain the accepted risk in at least 10 characters')
            .max(2000),
          expiresAt: isoTimestamp,
        })
        .strict(),
      req.body,
      'request body',
    );
    const credentials = await ctx.authorize(
      req,
      reliabilityReadinessApprovePermission,
      entityRef,
    );
    const entity = await ctx.entityOf(entityRef, credentials);
    itemOf(entity, body.itemId);
    const at = now();
    const expires = Date.parse(body.expiresAt);
    if (expires <= at.getTime()) {
      throw new InputError(
        "Invalid request body 'expiresAt': must be in the future",
      );
    }
    if (expires - at.getTime() > readinessService.maxWaiverMs) {
      throw new InputError(
        `Invalid request body 'expiresAt': a waiver lasts at most ${Math.round(
          readinessService.maxWaiverMs / 86_400_000,
        )} days`,
      );
    }
    const waiver = await ctx.audited(
      req,
      'readiness-waive',
      { entityRef, itemId: body.itemId, expiresAt: body.expiresAt },
      () =>
        stores.readiness.addWaiver(entityRef, {
          itemId: body.itemId,
          reason: body.reason,
          approvedBy: ctx.actorOf(credentials),
          expiresAt: new Date(expires).toISOString(),
          createdAt: at,
        }),
      w => ({ waiver: w.id }),
    );
    await ctx.refreshSummaries([entityRef]);
    res.status(201).json(waiver);
  });

  router.post(`${base}/reviews`, async (req, res) => {
    const entityRef = ctx.entityRefOf(req);
    const body = parseInput(
      z
        .object({
          targetLaunchDate: z
            .string()
            .refine(
              v => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
              'must be a date such as 2026-12-15',
            )
            .nullable()
            .optional(),
        })
        .strict(),
      req.body ?? {},
      'request body',
    );
    const credentials = await ctx.authorize(
      req,
      reliabilityReadinessAttestPermission,
      entityRef,
    );
    await ctx.entityOf(entityRef, credentials);
    const [latest] = await stores.readiness.listReviews(entityRef);
    if (latest?.state === 'requested') {
      throw new ConflictError(
        `A review of ${entityRef} is already pending (review ${latest.id})`,
      );
    }
    const review = await ctx.audited(
      req,
      'readiness-review-request',
      { entityRef },
      () =>
        stores.readiness.createReview({
          entityRef,
          requestedBy: ctx.actorOf(credentials),
          at: now(),
          targetLaunchDate: body.targetLaunchDate ?? null,
        }),
      r => ({ review: r.id }),
    );
    await ctx.refreshSummaries([entityRef]);
    res
      .status(201)
      .json(await readinessService.reviewView(review, null, now()));
  });

  router.post('/v1/readiness/reviews/:id/decision', async (req, res) => {
    const { id } = parseInput(
      z.object({ id: z.string().regex(/^\d{1,12}$/, 'must be a review id') }),
      { id: req.params.id },
      'path parameter',
    );
    const body = parseInput(
      z
        .object({
          decision: z.enum(['approve', 'reject']),
          comment: z.string().max(4000).nullable().optional(),
        })
        .strict(),
      req.body,
      'request body',
    );
    const review = await stores.readiness.getReview(id);
    if (!review) {
      await httpAuth.credentials(req, { allow: ['user', 'service'] });
      throw new NotFoundError(`No review ${id}`);
    }
    const credentials = await ctx.authorize(
      req,
      reliabilityReadinessApprovePermission,
      review.entityRef,
    );
    const actor = ctx.actorOf(credentials);
    if (actor === review.requestedBy) {
      throw new NotAllowedError('Nobody decides their own review request');
    }
    if (review.state !== 'requested') {
      throw new ConflictError(
        `Review ${id} is not pending: it was ${review.state} by ${review.decidedBy}`,
      );
    }
    const entity = await ctx.entityOf(review.entityRef, credentials);
    const at = now();
    const result = await readinessService.evaluate(entity, at, credentials);
    if (body.decision === 'approve' && !result.ready) {
      const failing = failingRequiredItems(result.items);
      throw new ConflictError(
        `Cannot approve: required items fail and are not waived: ${failing
          .map(i => `${i.id} (${i.reason})`)
          .join('; ')}`,
      );
    }
    const decided = await ctx.audited(
      req,
      'readiness-review-decide',
      { review: id, entityRef: review.entityRef, decision: body.decision },
      () =>
        stores.readiness.decideReview({
          id,
          decision: body.decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: actor,
          at,
          comment: body.comment ?? null,
          tierId: result.tierId,
          snapshot: {
            items: result.items,
            score: result.score,
            ready: result.ready,
          },
        }),
    );
    await ctx.refreshSummaries([review.entityRef]);
    res.json(await readinessService.reviewView(decided, result.tierId, at));
  });

  router.get('/v1/readiness/reviews', async (req, res) => {
    const query = parseInput(
      z
        .object({
          state: z
            .enum(['requested', 'approved', 'rejected'])
            .default('requested'),
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(MAX_PAGE, `must be at most ${MAX_PAGE}`)
            .optional(),
          cursor: z
            .string()
            .regex(/^\d{1,12}$/, 'must be a cursor from a previous page')
            .optional(),
        })
        .strict(),
      req.query,
      'query parameter',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const limit = query.limit ?? 50;
    const rows = await stores.readiness.listReviewsByState(
      query.state,
      query.cursor ? Number(query.cursor) : undefined,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const visible = await ctx.authorizer.filterReadable(
      credentials,
      page,
      r => r.entityRef,
    );
    const at = now();
    const { items: entities } = visible.length
      ? await catalog.getEntitiesByRefs(
          { entityRefs: visible.map(r => r.entityRef) },
          { credentials },
        )
      : { items: [] };
    // Every listed entity's review history in one read, for the approvals
    // the pending reviews are compared with.
    const histories = await stores.readiness.listReviewsByEntity(
      visible.map(r => r.entityRef),
    );
    const items = await Promise.all(
      visible.map(async (review, i): Promise<PendingReadinessReview> => {
        const entity = entities[i];
        const evaluation = entity
          ? await readinessService.evaluate(entity, at, credentials)
          : undefined;
        const history = histories.get(review.entityRef)!;
        // History is newest first: the approval before this review is the
        // one the reviewer compares with.
        const approved = history.find(
          r =>
            Number(r.id) < Number(review.id) &&
            r.state === 'approved' &&
            r.snapshot &&
            r.decidedBy &&
            r.decidedAt,
        );
        return {
          ...(await readinessService.reviewView(
            review,
            evaluation?.tierId ?? null,
            at,
          )),
          tier: evaluation?.tierId ?? null,
          owner:
            (entity?.spec as { owner?: string } | undefined)?.owner ?? null,
          failingRequired: failingRequiredItems(evaluation?.items ?? []).map(
            item => ({ id: item.id, title: item.title, reason: item.reason }),
          ),
          lastApproval: approved
            ? {
                reviewId: approved.id,
                decidedBy: approved.decidedBy!,
                decidedAt: approved.decidedAt!,
              }
            : null,
          changesSinceApproval:
            approved?.snapshot && evaluation
              ? readinessChanges(approved.snapshot.items, evaluation.items)
              : [],
        };
      }),
    );
    res.json({
      items,
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    });
  });
}
