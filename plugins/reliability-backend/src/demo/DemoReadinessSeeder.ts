import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ReadinessStore } from '../database/readiness/ReadinessStore';
import { ReadinessService } from '../readiness/ReadinessService';

const DAY_MS = 24 * 3_600_000;

/**
 * Writes the demo's readiness story once, when no review exists yet:
 * storefront-web ready with an approved review (its manual items attested),
 * cart-service waiting in the SRE queue with a waiver on a failing item
 * (approved once before, on evidence that has expired since),
 * payment-gateway with an expired attestation; product-search is left
 * failing required items on its own. Placed relative to `now`.
 *
 * @returns how many reviews it wrote; 0 when it had already run, or when
 *   the catalog has not ingested the demo entities yet (try again later)
 */
export async function seedDemoReadiness(options: {
  store: ReadinessStore;
  service: ReadinessService;
  getEntity: (ref: string) => Promise<Entity | undefined>;
  credentials: BackstageCredentials;
  logger: LoggerService;
  now: Date;
  hasReviews: () => Promise<boolean>;
}): Promise<number> {
  const { store, service, getEntity, credentials, logger, now } = options;
  if (await options.hasReviews()) {
    return 0;
  }
  const storefront = await getEntity('component:default/storefront-web');
  if (!storefront) {
    return 0;
  }
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const attest = (
    entityRef: string,
    itemId: string,
    attestedBy: string,
    attestedDaysAgo: number,
    validDays: number,
  ) =>
    store.addAttestation(entityRef, {
      itemId,
      evidenceUrl: `https://wiki.acme.example/${
        entityRef.split('/')[1]
      }/${itemId}`,
      note: null,
      attestedBy,
      attestedAt: ago(attestedDaysAgo).toISOString(),
      expiresAt: ago(attestedDaysAgo - validDays).toISOString(),
    });

  // Ready, reviewed and approved by an SRE.
  const storefrontRef = 'component:default/storefront-web';
  await attest(storefrontRef, 'rollback', 'user:default/emil', 20, 180);
  await attest(storefrontRef, 'security', 'user:default/fatima', 30, 365);
  const approved = await store.createReview({
    entityRef: storefrontRef,
    requestedBy: 'user:default/emil',
    at: ago(10),
    targetLaunchDate: ago(5).toISOString().slice(0, 10),
  });
  const snapshot = await service.evaluate(storefront, ago(8), credentials);
  const { tierId, ...result } = snapshot;
  await store.decideReview({
    id: approved.id,
    decision: 'approved',
    decidedBy: 'user:default/gita',
    at: ago(8),
    comment: 'Rollback drill and security review look good.',
    tierId,
    snapshot: result,
  });

  // Pending in the SRE queue, one failing item waived. It was approved
  // once, 75 days ago, on a rollback plan whose attestation has expired
  // since: the reviewer's dialog shows what changed.
  const cartRef = 'component:default/cart-service';
  const cart = await getEntity(cartRef);
  if (cart) {
    await attest(cartRef, 'rollback', 'user:default/chen', 250, 180);
    const earlier = await store.createReview({
      entityRef: cartRef,
      requestedBy: 'user:default/chen',
      at: ago(76),
      targetLaunchDate: null,
    });
    const { tierId: cartTier, ...cartResult } = await service.evaluate(
      cart,
      ago(75),
      credentials,
    );
    await store.decideReview({
      id: earlier.id,
      decision: 'approved',
      decidedBy: 'user:default/gita',
      at: ago(75),
      comment: 'Fine for the beta.',
      tierId: cartTier,
      snapshot: cartResult,
    });
  }
  await store.addWaiver(cartRef, {
    itemId: 'postmortems',
    reason: 'The late postmortem is being written; due this week.',
    approvedBy: 'user:default/gita',
    expiresAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
    createdAt: ago(3),
  });
  await store.createReview({
    entityRef: cartRef,
    requestedBy: 'user:default/chen',
    at: ago(2),
    targetLaunchDate: new Date(now.getTime() + 14 * DAY_MS)
      .toISOString()
      .slice(0, 10),
  });

  // Evidence that has run out: the rollback plan was attested 200 days ago.
  await attest(
    'component:default/payment-gateway',
    'rollback',
    'user:default/ana',
    200,
    180,
  );

  logger.info(
    'Demo data: readiness reviews (approved, pending), a waiver and attestations',
  );
  return cart ? 3 : 2;
}
