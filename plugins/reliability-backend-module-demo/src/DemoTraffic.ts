import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import { Duration } from 'luxon';
import {
  ReliabilitySliConnection,
  ReliabilitySliMinute,
} from '@reliability-suite/plugin-reliability-node';
import { DAY_MS, MINUTE_MS } from './demoClock';

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
): ReliabilitySliMinute[] {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const first = (Math.floor(fromExclusive / MINUTE_MS) + 1) * MINUTE_MS;
  const buckets: ReliabilitySliMinute[] = [];
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

/** Reads `reliability.demoData`: whether it is on, and the traffic profiles. */
export function readDemoTrafficConfig(config: Config): {
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
 * Keeps the demo SLOs supplied with synthetic measurements: an SLO with
 * none gets `days` of history (loaded as history, rolled up as real data
 * would be); later runs add the minutes since the newest one, at most the
 * minute retention back, so the demo stays current. SLOs not defined yet
 * (the catalog has not synced them) are tried again on the next run. It
 * keeps no state of its own: each run reads where the data ends, so a
 * restart or another replica carries on where the last run stopped.
 */
export class DemoTraffic {
  constructor(
    private readonly options: {
      slis: ReliabilitySliConnection;
      logger: LoggerService;
      profiles: DemoTrafficProfile[];
      days: number;
    },
  ) {}

  /**
   * @returns how many SLOs got their history now, were topped up, and are
   *   still waiting to be defined
   */
  async run(
    now: Date,
  ): Promise<{ loaded: number; toppedUp: number; waiting: number }> {
    const { slis, logger, profiles, days } = this.options;
    const nowMs = now.getTime();
    const chunk = Math.min(1_000, slis.maxBatchSize);
    let loaded = 0;
    let toppedUp = 0;
    let waiting = 0;
    for (const profile of profiles) {
      const ref = { entityRef: profile.entity, slo: profile.slo };
      const state = await slis.measurementState(ref);
      if (!state.defined) {
        waiting += 1; // not synced from the catalog yet
        continue;
      }
      if (state.newestStart === null) {
        await slis.loadHistory(
          ref,
          generateDemoMeasurements(profile, nowMs, nowMs - days * DAY_MS),
        );
        loaded += 1;
        continue;
      }
      // Ingest takes minutes back to the retention only (a backend that
      // was down for longer leaves a gap, as real traffic would).
      const from = Math.max(
        state.newestStart,
        nowMs - slis.minuteRetentionMs + MINUTE_MS,
      );
      const fresh = generateDemoMeasurements(profile, nowMs, from);
      for (let i = 0; i < fresh.length; i += chunk) {
        await slis.writeMinutes(ref, fresh.slice(i, i + chunk));
      }
      if (fresh.length > 0) toppedUp += 1;
    }
    if (loaded > 0) {
      logger.info(
        `Demo data: loaded ${days} days of measurements for ${loaded} SLOs`,
      );
    }
    return { loaded, toppedUp, waiting };
  }
}
