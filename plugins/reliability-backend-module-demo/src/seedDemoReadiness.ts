import { LoggerService } from '@backstage/backend-plugin-api';
import { ReliabilityReadinessConnection } from '@reliability-suite/plugin-reliability-node';
import { DAY_MS } from './demoClock';

/**
 * Writes the demo's readiness story once, when no review exists yet:
 * storefront-web ready with an approved review (its manual items attested),
 * cart-service waiting in the SRE queue with a waiver on a failing item
 * (approved once before, on evidence and waivers that have run out since),
 * payment-gateway with an expired attestation; product-search is left
 * failing required items on its own. Placed relative to `now`. The
 * caller waits until the catalog holds these entities and the rotations,
 * incidents and SLO data the decisions are judged on are written.
 *
 * @returns how many reviews it wrote; 0 when it had already run
 */
export async function seedDemoReadiness(options: {
  readiness: ReliabilityReadinessConnection;
  logger: LoggerService;
  now: Date;
}): Promise<number> {
  const { readiness, logger, now } = options;
  if (await readiness.hasReviews()) {
    return 0;
  }
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  // Valid for the item's `attestationValidFor` (rollback 180 days,
  // security 365 in the default templates).
  const attest = (
    entityRef: string,
    itemId: string,
    attestedBy: string,
    attestedDaysAgo: number,
  ) =>
    readiness.attest(
      entityRef,
      {
        itemId,
        evidenceUrl: `https://wiki.acme.example/${
          entityRef.split('/')[1]
        }/${itemId}`,
      },
      { actor: attestedBy, at: ago(attestedDaysAgo) },
    );

  // Ready, reviewed and approved by an SRE.
  const storefrontRef = 'component:default/storefront-web';
  await attest(storefrontRef, 'rollback', 'user:default/emil', 20);
  await attest(storefrontRef, 'security', 'user:default/fatima', 30);
  const approved = await readiness.requestReview(
    storefrontRef,
    { targetLaunchDate: ago(5).toISOString().slice(0, 10) },
    { actor: 'user:default/emil', at: ago(10) },
  );
  await readiness.decideReview(
    approved.id,
    {
      decision: 'approve',
      comment: 'Rollback drill and security review look good.',
    },
    { actor: 'user:default/gita', at: ago(8) },
  );

  // Pending in the SRE queue, one failing item waived. It was approved
  // once, 75 days ago, on a rollback plan whose attestation has expired
  // since and on waivers that have run out: the reviewer's dialog shows
  // what changed.
  const cartRef = 'component:default/cart-service';
  /** A waiver by the SRE, given and ending so many days ago (negative: ahead). */
  const waiveCart = (
    itemId: string,
    reason: string,
    givenDaysAgo: number,
    endsDaysAgo: number,
  ) =>
    readiness.waive(
      cartRef,
      { itemId, reason, expiresAt: ago(endsDaysAgo).toISOString() },
      { actor: 'user:default/gita', at: ago(givenDaysAgo) },
    );
  await attest(cartRef, 'rollback', 'user:default/chen', 250);
  // Approved for the beta on two waivers that have run out since.
  await waiveCart('security', 'Pen test booked for after the beta.', 77, 17);
  await waiveCart(
    'oncall',
    'The team rotation starts with the launch.',
    77,
    32,
  );
  const earlier = await readiness.requestReview(
    cartRef,
    { targetLaunchDate: null },
    { actor: 'user:default/chen', at: ago(76) },
  );
  await readiness.decideReview(
    earlier.id,
    { decision: 'approve', comment: 'Fine for the beta.' },
    { actor: 'user:default/gita', at: ago(75) },
  );
  await waiveCart(
    'postmortems',
    'The late postmortem is being written; due this week.',
    3,
    -30,
  );
  await readiness.requestReview(
    cartRef,
    {
      targetLaunchDate: new Date(now.getTime() + 14 * DAY_MS)
        .toISOString()
        .slice(0, 10),
    },
    { actor: 'user:default/chen', at: ago(2) },
  );

  // Evidence that has run out: the rollback plan was attested 200 days ago.
  await attest(
    'component:default/payment-gateway',
    'rollback',
    'user:default/ana',
    200,
  );

  logger.info(
    'Demo data: readiness reviews (approved, pending), a waiver and attestations',
  );
  return 3;
}
