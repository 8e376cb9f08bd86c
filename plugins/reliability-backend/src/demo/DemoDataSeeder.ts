import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import { Duration } from 'luxon';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { MeasurementBucket } from '../database/slos/SloStore';
import { SloService } from '../slos/SloService';

/** A synthetic traffic profile for one SLO. */
export interface DemoTrafficProfile {
  entity: string;
  slo: string;
  requestsPerMinute: number;
  errorRate: number;
  incidents: Array<{ fromMs: number; toMs: number; errorRate: number }>;
}

/** A small deterministic PRNG (mulberry32), so demo data is the same every time. */
function prng(seedText: string): () => number {
  let seed = 0;
  for (const char of seedText)
    seed = (Math.imul(seed, 31) + char.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One-minute counts for a profile for the minutes in `(fromExclusive, now]`:
 * traffic with a daily rhythm, the base error rate, and the incidents'
 * rates where they apply (incidents are placed relative to `now`). Each
 * minute draws from its own seed, so a minute always gets the same counts.
 */
export function generateDemoMeasurements(
  profile: DemoTrafficProfile,
  now: number,
  fromExclusive: number,
): MeasurementBucket[] {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const first = (Math.floor(fromExclusive / MINUTE_MS) + 1) * MINUTE_MS;
  const buckets: MeasurementBucket[] = [];
  for (let start = first; start <= end; start += MINUTE_MS) {
    const random = prng(`${profile.entity}/${profile.slo}/${start}`);
    const hourOfDay =
      new Date(start).getUTCHours() + new Date(start).getUTCMinutes() / 60;
    const rhythm = 0.6 + 0.4 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
    const total = Math.max(
      1,
      Math.round(profile.requestsPerMinute * rhythm * (0.85 + 0.3 * random())),
    );
    const ago = end - start;
    const incident = profile.incidents.find(
      x => ago <= x.fromMs && ago >= x.toMs,
    );
    const rate = incident ? incident.errorRate : profile.errorRate;
    // Stochastic rounding: small rates on small minutes must not round to 0.
    const bad = Math.min(
      total,
      Math.floor(total * rate * (0.5 + random()) + random()),
    );
    buckets.push({ start, good: total - bad, total });
  }
  return buckets;
}

/** Reads `reliability.demoData` into profiles. */
export function readDemoDataConfig(config: Config): {
  enabled: boolean;
  days: number;
  profiles: DemoTrafficProfile[];
} {
  const demo = config.getOptionalConfig('reliability.demoData');
  const ms = (iso: string, key: string) => {
    const duration = Duration.fromISO(iso);
    if (!duration.isValid)
      throw new Error(`Invalid ISO duration at '${key}': ${iso}`);
    return duration.toMillis();
  };
  return {
    enabled: demo?.getOptionalBoolean('enabled') ?? false,
    days: demo?.getOptionalNumber('days') ?? 30,
    profiles: (demo?.getOptionalConfigArray('slos') ?? []).map((slo, i) => ({
      entity: toCanonicalEntityRef(slo.getString('entity')),
      slo: slo.getString('slo'),
      requestsPerMinute: slo.getNumber('requestsPerMinute'),
      errorRate: slo.getNumber('errorRate'),
      incidents: (slo.getOptionalConfigArray('incidents') ?? []).map(
        (incident, j) => ({
          fromMs: ms(
            incident.getString('from'),
            `reliability.demoData.slos[${i}].incidents[${j}].from`,
          ),
          toMs: ms(
            incident.getString('to'),
            `reliability.demoData.slos[${i}].incidents[${j}].to`,
          ),
          errorRate: incident.getNumber('errorRate'),
        }),
      ),
    })),
  };
}

/**
 * Keeps the demo SLOs supplied with synthetic measurements: the first run
 * writes `days` of history for SLOs that have none (through the same store
 * and rollup as real data); later runs add the minutes since the last one,
 * so the demo stays current (at most the minute retention, as real
 * ingest). SLOs with measurements from elsewhere are left alone.
 */
export class DemoDataSeeder {
  private readonly lastWritten = new Map<number, number>();

  constructor(
    private readonly options: {
      stores: Pick<ReliabilityStores, 'slos'>;
      sloService: SloService;
      logger: LoggerService;
      profiles: DemoTrafficProfile[];
      days: number;
    },
  ) {}

  async run(now: Date): Promise<{ seeded: number; toppedUp: number }> {
    const { stores, sloService, logger, profiles, days } = this.options;
    const nowMs = now.getTime();
    let seeded = 0;
    let toppedUp = 0;
    for (const profile of profiles) {
      const slo = await stores.slos.getSlo(profile.entity, profile.slo);
      if (!slo) {
        continue; // not synced from the catalog yet; a later run seeds it
      }
      let last = this.lastWritten.get(slo.id);
      if (last === undefined) {
        const recent = await stores.slos.readBuckets(
          slo.id,
          nowMs - sloService.minuteRetentionMs,
          nowMs,
        );
        const any =
          recent.length > 0 ||
          (await stores.slos.readBuckets(slo.id, 0, nowMs)).length > 0;
        if (!any) {
          await stores.slos.writeMeasurements(
            slo.id,
            generateDemoMeasurements(
              profile,
              nowMs,
              nowMs - days * 24 * 3_600_000,
            ),
          );
          this.lastWritten.set(slo.id, nowMs);
          seeded += 1;
          continue;
        }
        last =
          recent.length > 0
            ? recent[recent.length - 1].start
            : nowMs - sloService.minuteRetentionMs;
      }
      const fresh = generateDemoMeasurements(profile, nowMs, last);
      if (fresh.length > 0) {
        await stores.slos.writeMeasurements(slo.id, fresh);
        toppedUp += 1;
      }
      this.lastWritten.set(slo.id, nowMs);
    }
    if (seeded > 0) {
      await sloService.rollUp(now);
      logger.info(
        `Demo data: wrote ${days} days of measurements for ${seeded} SLOs`,
      );
    }
    // The caller refreshes statuses afterwards (the status task does).
    return { seeded, toppedUp };
  }
}
