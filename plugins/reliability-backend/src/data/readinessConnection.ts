import { InputError, NotFoundError } from '@backstage/errors';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import { ReliabilityReadinessConnection } from '@reliability-suite/plugin-reliability-node';
import { parseInput } from '../request/parseInput';
import {
  attestationBodySchema,
  reviewDecisionBodySchema,
  reviewRequestBodySchema,
  waiverBodySchema,
} from '../request/readinessSchemas';
import {
  ProviderWrites,
  BODY,
} from './ProviderWrites';

/** Readiness evidence and reviews, through the services the routes call. */
export function readinessConnection(w: ProviderWrites): ReliabilityReadinessConnection {
  const { readinessAttestations, readinessReviews, stores } =
    w.context;
  const target = async (entityRef: string) => {
    const canonical = toCanonicalEntityRef(entityRef);
    return { entityRef: canonical, entity: await w.entity(canonical) };
  };
  return {
    hasReviews: () => stores.readiness.hasAnyReview(),
    attest: async (entityRef, attestation, by) => {
      const body = parseInput(attestationBodySchema, attestation, BODY);
      const on = await target(entityRef);
      await w.audited(
        'readiness-attest',
        { entityRef: on.entityRef, itemId: body.itemId },
        by,
        () =>
          readinessAttestations.attest(on, {
            ...body,
            actor: by.actor,
            at: by.at,
          }),
      );
    },
    waive: async (entityRef, waiver, by) => {
      const body = parseInput(waiverBodySchema, waiver, BODY);
      const on = await target(entityRef);
      await w.audited(
        'readiness-waive',
        { entityRef: on.entityRef, itemId: body.itemId },
        by,
        () =>
          readinessAttestations.waive(on, {
            ...body,
            actor: by.actor,
            at: by.at,
          }),
      );
    },
    requestReview: async (entityRef, review, by) => {
      const body = parseInput(
        reviewRequestBodySchema(w.context.dateRules.withClock(() => by.at)),
        review,
        BODY,
      );
      const on = await target(entityRef);
      const created = await w.audited(
        'readiness-review-request',
        { entityRef: on.entityRef },
        by,
        () =>
          readinessReviews.requestReview({
            entityRef: on.entityRef,
            targetLaunchDate: body.targetLaunchDate,
            actor: by.actor,
            at: by.at,
          }),
      );
      return { id: created.id };
    },
    decideReview: async (reviewId, decision, by) => {
      const body = parseInput(reviewDecisionBodySchema, decision, BODY);
      const review = await readinessReviews.getReview(reviewId);
      if (!review) throw new NotFoundError(`No review ${reviewId}`);
      if (by.at.getTime() < Date.parse(review.requestedAt)) {
        throw new InputError(
          `Invalid record 'at': ${by.at.toISOString()} is before review ${reviewId} was requested`,
        );
      }
      await w.audited(
        'readiness-review-decide',
        {
          review: reviewId,
          entityRef: review.entityRef,
          decision: body.decision,
        },
        by,
        async () =>
          readinessReviews.decide({
            review,
            decision: body.decision,
            comment: body.comment,
            actor: by.actor,
            credentials: await w.credentials(),
            at: by.at,
          }),
      );
    },
  };
}
