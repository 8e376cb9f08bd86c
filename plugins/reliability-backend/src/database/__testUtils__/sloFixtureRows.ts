/**
 * Hand-written rows of the tier and SLO tables, as the stores write them.
 * See {@link fixtureRows}.
 */
import type { FixtureRow } from './migrationFixtures';
import { ANA, CHECKOUT, GITA, LEDGER, PAYMENTS, t } from './fixturePeople';

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

const definition = (name: string, method: string) =>
  JSON.stringify({
    name,
    target: 0.999,
    timeWindow: { kind: 'rolling', duration: '30d' },
    budgetingMethod: method,
  });

/**
 * SLI buckets with their running totals worked by hand: per SLO, ordered
 * by start then length, each cum_* is the sum of good/total up to and
 * including the row. SLO 2's daily counts pass 2^32, as a busy API's do.
 */
export const SLI_BUCKETS: Array<
  FixtureRow & { cum_good: number; cum_total: number }
> = [
  // SLO 1: an hourly rollup, then the raw minutes after it.
  {
    slo_id: 1,
    bucket_ms: HOUR,
    bucket_start: ms('2026-11-23T09:00:00Z'),
    good: 35_990,
    total: 36_000,
    data_slices: null,
    bad_slices: null,
    slice_shortfall: null,
    cum_good: 35_990,
    cum_total: 36_000,
  },
  {
    slo_id: 1,
    bucket_ms: MINUTE,
    bucket_start: ms('2026-11-23T10:00:00Z'),
    good: 598,
    total: 600,
    data_slices: null,
    bad_slices: null,
    slice_shortfall: null,
    cum_good: 36_588, // 35,990 + 598
    cum_total: 36_600,
  },
  {
    slo_id: 1,
    bucket_ms: MINUTE,
    bucket_start: ms('2026-11-23T10:01:00Z'),
    good: 600,
    total: 600,
    data_slices: null,
    bad_slices: null,
    slice_shortfall: null,
    cum_good: 37_188, // 36,588 + 600
    cum_total: 37_200,
  },
  // SLO 2: two daily rollups; its sums start again from zero.
  {
    slo_id: 2,
    bucket_ms: DAY,
    bucket_start: ms('2026-11-21T00:00:00Z'),
    good: 4_100_000_000,
    total: 4_100_020_000,
    data_slices: null,
    bad_slices: null,
    slice_shortfall: null,
    cum_good: 4_100_000_000,
    cum_total: 4_100_020_000,
  },
  {
    slo_id: 2,
    bucket_ms: DAY,
    bucket_start: ms('2026-11-22T00:00:00Z'),
    good: 4_200_000_000,
    total: 4_200_010_000,
    data_slices: null,
    bad_slices: null,
    slice_shortfall: null,
    cum_good: 8_300_000_000,
    cum_total: 8_300_030_000,
  },
  // SLO 3 (Timeslices): an hourly rollup of 60 one-minute slices.
  {
    slo_id: 3,
    bucket_ms: HOUR,
    bucket_start: ms('2026-11-23T08:00:00Z'),
    good: 58,
    total: 60,
    data_slices: 60,
    bad_slices: 2,
    slice_shortfall: null,
    cum_good: 58,
    cum_total: 60,
  },
];

/** Rows of the tier and SLO tables; sli_buckets with running totals. */
export const SLO_ROWS: Record<string, FixtureRow[]> = {
  entity_tiers: [
    {
      entity_ref: PAYMENTS,
      tier_id: 'tier-1',
      annotation_value: 'Tier 1',
      tier_since: t('2026-10-01T08:00:00Z'),
      last_seen_at: t('2026-11-23T11:55:00Z'),
    },
    {
      // An annotation no tier matches: kept as written, tier unknown.
      entity_ref: LEDGER,
      tier_id: null,
      annotation_value: 'platinum',
      tier_since: t('2026-11-02T09:30:00Z'),
      last_seen_at: t('2026-11-23T11:55:00Z'),
    },
  ],
  slos: [
    {
      id: 1,
      entity_ref: PAYMENTS,
      name: 'availability',
      source: 'catalog',
      definition: definition('availability', 'Occurrences'),
      version: 1,
      updated_by: null,
      created_at: t('2026-11-01T10:00:00Z'),
      updated_at: t('2026-11-01T10:00:00Z'),
    },
    {
      id: 2,
      entity_ref: PAYMENTS,
      name: 'latency',
      source: 'api',
      definition: definition('latency', 'Occurrences'),
      version: 3,
      updated_by: ANA,
      created_at: t('2026-11-02T10:00:00Z'),
      updated_at: t('2026-11-20T16:45:12.345Z'),
    },
    {
      id: 3,
      entity_ref: CHECKOUT,
      name: 'p99-latency',
      source: 'api',
      definition: definition('p99-latency', 'Timeslices'),
      version: 1,
      updated_by: GITA,
      created_at: t('2026-11-03T07:00:00Z'),
      updated_at: t('2026-11-03T07:00:00Z'),
    },
  ],
  sli_buckets: SLI_BUCKETS,
  slo_status: [
    {
      slo_id: 1,
      status: 'at-risk',
      budget_remaining: 0.375,
      attainment: 0.999375,
      report: JSON.stringify({ status: 'at-risk', good: 37_188 }),
      computed_at: t('2026-11-23T10:02:00Z'),
    },
    {
      // Not enough data yet: no budget, no attainment.
      slo_id: 3,
      status: 'no-data',
      budget_remaining: null,
      attainment: null,
      report: JSON.stringify({ status: 'no-data' }),
      computed_at: t('2026-11-23T10:02:00Z'),
    },
  ],
  sli_pulls: [
    {
      // Caught up: pulled to the minute, no problem.
      slo_id: 1,
      provider: 'prometheus',
      slo_version: 1,
      pulled_until: ms('2026-11-23T10:02:00Z'),
      last_attempt_at: t('2026-11-23T10:03:05Z'),
      last_success_at: t('2026-11-23T10:03:05Z'),
      failures: 0,
      next_attempt_at: null,
      problem: null,
      replay_from: null,
      revision: 12,
    },
    {
      // Failing: the third failure in a row waits 4 minutes.
      slo_id: 3,
      provider: 'prometheus',
      slo_version: 1,
      pulled_until: ms('2026-11-22T00:00:00Z'),
      last_attempt_at: t('2026-11-23T10:03:05Z'),
      last_success_at: null,
      failures: 3,
      next_attempt_at: ms('2026-11-23T10:07:05Z'),
      problem:
        "Prometheus 'main' (http://prometheus:9090) is unreachable: connect ECONNREFUSED",
      // A replay of the last week, asked for before the server went away.
      replay_from: ms('2026-11-16T00:00:00Z'),
      revision: 4,
    },
  ],
  slo_sync_problems: [
    {
      entity_ref: LEDGER,
      location: 'url:https://git.acme.example/ledger/openslo.yaml',
      problems: JSON.stringify([
        { path: 'spec.objectives', message: 'Missing' },
      ]),
      checked_at: t('2026-11-23T06:00:00Z'),
    },
  ],
  budget_exceptions: [
    {
      id: 1,
      entity_ref: PAYMENTS,
      reason: 'Security fix CVE-2026-1234 must ship during the freeze',
      starts_at: t('2026-11-23T00:00:00Z'),
      ends_at: t('2026-11-26T00:00:00Z'),
      approved_by: GITA,
      created_at: t('2026-11-22T18:00:00Z'),
    },
  ],
};
