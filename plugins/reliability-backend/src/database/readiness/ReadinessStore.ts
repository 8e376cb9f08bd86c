import {
  Attestation,
  ReadinessResult,
  Waiver,
} from '@reliability-suite/plugin-reliability-common';

/** A readiness review as stored. @public */
export interface StoredReview {
  id: string;
  entityRef: string;
  state: 'requested' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  targetLaunchDate: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  tierId: string | null;
  snapshot: ReadinessResult | null;
  version: number;
}

/**
 * Attestations, waivers and reviews of production readiness.
 *
 * @public
 */
export interface ReadinessStore {
  listAttestations(entityRef: string): Promise<Attestation[]>;
  /** Attestations of many entities, newest first: every asked ref is a key. */
  listAttestationsByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, Attestation[]>>;
  addAttestation(
    entityRef: string,
    attestation: Omit<Attestation, 'id'>,
  ): Promise<Attestation>;
  /** @returns whether one was deleted */
  deleteAttestation(entityRef: string, id: string): Promise<boolean>;
  listWaivers(entityRef: string): Promise<Waiver[]>;
  /** Waivers of many entities: every asked ref is a key. */
  listWaiversByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, Waiver[]>>;
  addWaiver(
    entityRef: string,
    waiver: Omit<Waiver, 'id'> & { createdAt: Date },
  ): Promise<Waiver>;
  /**
   * Revokes (deletes) one of the entity's waivers; waivers never change,
   * so the id alone is compared.
   *
   * @returns the revoked waiver, undefined when there was none
   */
  deleteWaiver(entityRef: string, id: string): Promise<Waiver | undefined>;
  createReview(options: {
    entityRef: string;
    requestedBy: string;
    at: Date;
    targetLaunchDate: string | null;
  }): Promise<StoredReview>;
  getReview(id: string): Promise<StoredReview | undefined>;
  /** The entity's reviews, newest first. */
  listReviews(entityRef: string): Promise<StoredReview[]>;
  /** Reviews of many entities, newest first: every asked ref is a key. */
  listReviewsByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredReview[]>>;
  /** Reviews in a state, oldest first, after a keyset id. */
  /** Whether any review is stored at all. */
  hasAnyReview(): Promise<boolean>;
  listReviewsByState(
    state: StoredReview['state'],
    afterId: number | undefined,
    limit: number,
  ): Promise<StoredReview[]>;
  /**
   * Decides a requested review; only a review still `requested` (compare
   * and set) can be decided.
   *
   * @throws ConflictError when it is no longer pending
   */
  decideReview(options: {
    id: string;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    at: Date;
    comment: string | null;
    tierId: string | null;
    snapshot: ReadinessResult;
  }): Promise<StoredReview>;
}
