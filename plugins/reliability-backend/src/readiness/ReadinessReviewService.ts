import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityReadinessResponse,
  failingRequiredItems,
  PendingReadinessReview,
  readinessChanges,
  ReadinessReviewResponse,
  ReadinessResult,
} from '@reliability-suite/plugin-reliability-common';
import {
  ReadinessStore,
  StoredReview,
} from '../database/readiness/ReadinessStore';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import { ReadinessService } from './ReadinessService';

type Evaluation = ReadinessResult & { tierId: string | null };

/**
 * The review workflow: an entity's readiness with its latest review, a
 * request (one pending at a time), the decision (never by the requester,
 * an approval only while every required item passes or is waived), and
 * the queue approvers work through.
 *
 * @internal
 */
export class ReadinessReviewService {
  constructor(
    private readonly options: {
      store: ReadinessStore;
      readinessService: Pick<ReadinessService, 'evaluate' | 'reviewView'>;
      catalog: CatalogService;
      refresher: Pick<SummaryRefresher, 'entitiesChanged'>;
    },
  ) {}

  /** The entity's evaluated template and its latest review. */
  async entityReadiness(
    entityRef: string,
    entity: Entity,
    credentials: BackstageCredentials,
    at: Date,
  ): Promise<EntityReadinessResponse> {
    const { store, readinessService } = this.options;
    const result = await readinessService.evaluate(entity, at, credentials);
    const [latest] = await store.listReviews(entityRef);
    return {
      items: result.items,
      score: result.score,
      ready: result.ready,
      tier: result.tierId,
      review: latest
        ? await readinessService.reviewView(latest, result.tierId, at)
        : null,
    };
  }

  /** @throws ConflictError while a review of the entity is pending */
  async requestReview(input: {
    entityRef: string;
    targetLaunchDate?: string | null;
    actor: string;
    at: Date;
  }): Promise<ReadinessReviewResponse> {
    const { store, readinessService, refresher } = this.options;
    const [latest] = await store.listReviews(input.entityRef);
    if (latest?.state === 'requested') {
      throw new ConflictError(
        `A review of ${input.entityRef} is already pending (review ${latest.id})`,
      );
    }
    const review = await store.createReview({
      entityRef: input.entityRef,
      requestedBy: input.actor,
      at: input.at,
      targetLaunchDate: input.targetLaunchDate ?? null,
    });
    await refresher.entitiesChanged([input.entityRef]);
    return readinessService.reviewView(review, null, input.at);
  }

  getReview(id: string): Promise<StoredReview | undefined> {
    return this.options.store.getReview(id);
  }

  /**
   * Approves or rejects a pending review, with a snapshot of the readiness
   * it was decided on.
   *
   * @throws NotAllowedError when the actor requested the review
   * @throws ConflictError when it is no longer pending, or an approval
   *   while required items fail unwaived
   * @throws NotFoundError when the decider cannot see the entity
   */
  async decide(input: {
    review: StoredReview;
    decision: 'approve' | 'reject';
    comment?: string | null;
    actor: string;
    credentials: BackstageCredentials;
    at: Date;
  }): Promise<ReadinessReviewResponse> {
    const { review, actor, at } = input;
    const { store, readinessService, catalog, refresher } = this.options;
    if (actor === review.requestedBy) {
      throw new NotAllowedError('Nobody decides their own review request');
    }
    if (review.state !== 'requested') {
      throw new ConflictError(
        `Review ${review.id} is not pending: it was ${review.state} by ${review.decidedBy}`,
      );
    }
    const entity = await catalog.getEntityByRef(review.entityRef, {
      credentials: input.credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity '${review.entityRef}' in the catalog`);
    }
    const result = await readinessService.evaluate(
      entity,
      at,
      input.credentials,
    );
    if (input.decision === 'approve' && !result.ready) {
      const failing = failingRequiredItems(result.items);
      throw new ConflictError(
        `Cannot approve: required items fail and are not waived: ${failing
          .map(i => `${i.id} (${i.reason})`)
          .join('; ')}`,
      );
    }
    const decided = await store.decideReview({
      id: review.id,
      decision: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: actor,
      at,
      comment: input.comment ?? null,
      tierId: result.tierId,
      snapshot: {
        items: result.items,
        score: result.score,
        ready: result.ready,
      },
    });
    await refresher.entitiesChanged([review.entityRef]);
    return readinessService.reviewView(decided, result.tierId, at);
  }

  /**
   * A page of reviews in a state, oldest first, of the entities `readable`
   * keeps; each with its entity's tier, owner, failing required items and
   * what changed since the entity's previous approval.
   *
   * @returns the page, and the id the next page starts after (null on the
   *   last page)
   */
  async queue(input: {
    state: StoredReview['state'];
    afterId?: number;
    limit: number;
    credentials: BackstageCredentials;
    at: Date;
    /** The reviews whose entity the caller may read. */
    readable: (reviews: StoredReview[]) => Promise<StoredReview[]>;
  }): Promise<{ items: PendingReadinessReview[]; nextAfterId: number | null }> {
    const { store, catalog } = this.options;
    const { limit, credentials } = input;
    const rows = await store.listReviewsByState(
      input.state,
      input.afterId,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const visible = await input.readable(page);
    const { items: entities } = visible.length
      ? await catalog.getEntitiesByRefs(
          { entityRefs: visible.map(r => r.entityRef) },
          { credentials },
        )
      : { items: [] };
    // Every listed entity's review history in one read, for the approvals
    // the pending reviews are compared with.
    const histories = await store.listReviewsByEntity(
      visible.map(r => r.entityRef),
    );
    const items = await Promise.all(
      visible.map(async (review, i) => {
        const entity = entities[i];
        const evaluation = entity
          ? await this.options.readinessService.evaluate(
              entity,
              input.at,
              credentials,
            )
          : undefined;
        return this.queueItem(
          review,
          entity,
          evaluation,
          histories.get(review.entityRef)!,
          input.at,
        );
      }),
    );
    return {
      items,
      nextAfterId:
        rows.length > limit ? Number(page[page.length - 1].id) : null,
    };
  }

  private async queueItem(
    review: StoredReview,
    entity: Entity | undefined,
    evaluation: Evaluation | undefined,
    /** The entity's reviews, newest first. */
    history: StoredReview[],
    at: Date,
  ): Promise<PendingReadinessReview> {
    // The approval before this review is the one the reviewer compares with.
    const approved = history.find(
      r =>
        Number(r.id) < Number(review.id) &&
        r.state === 'approved' &&
        r.snapshot &&
        r.decidedBy &&
        r.decidedAt,
    );
    return {
      ...(await this.options.readinessService.reviewView(
        review,
        evaluation?.tierId ?? null,
        at,
      )),
      tier: evaluation?.tierId ?? null,
      owner: (entity?.spec as { owner?: string } | undefined)?.owner ?? null,
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
  }
}
