import { DatabaseService } from '@backstage/backend-plugin-api';
import { SliProvider } from '@reliability-suite/plugin-reliability-node';
import { Knex } from 'knex';
import { performance } from 'perf_hooks';
import { createReliabilityStores } from '../src/database/ReliabilityStores';
import { SliPullService } from '../src/sliPulls/SliPullService';
import { SloService } from '../src/slos/SloService';
import { silentLogger } from './seedBenchReliability';

const MINUTE_MS = 60_000;

/**
 * A provider that answers at once: 1,000 events a minute, 999 good. What
 * is measured is the suite's side of a pull (planning, checking, storing,
 * status), not a provider's latency.
 */
const instantProvider: SliProvider = {
  id: 'bench',
  handles: good => good.type === 'Bench',
  async fetchCounts(request) {
    const buckets = [];
    const perStep = request.stepMs / MINUTE_MS;
    for (let t = request.from; t < request.to; t += request.stepMs) {
      buckets.push({ start: t, good: 999 * perStep, total: 1000 * perStep });
    }
    return { buckets };
  },
};

/**
 * A pull cycle of `count` pulled SLOs: the first (each SLO's whole 30-day
 * window) and then steady-state ones a minute apart, each re-reading the
 * last five minutes and the new one.
 */
export async function benchSliPulls(knex: Knex, count: number) {
  const database: DatabaseService = { getClient: async () => knex };
  const stores = await createReliabilityStores({ database });
  const sloService = new SloService({ stores, logger: silentLogger });
  const pulls = new SliPullService({
    stores,
    sloService,
    refresher: { sloStatusesChanged: async () => {} },
    providers: [instantProvider],
    logger: silentLogger,
  });
  const start = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const source = { metricSource: { type: 'Bench' } };
  for (let i = 0; i < count; i++) {
    await stores.slos.putApiSlo({
      entityRef: `component:default/pulled-${i}`,
      definition: {
        name: 'availability',
        target: 0.999,
        timeWindow: { kind: 'rolling', duration: '30d' },
        budgetingMethod: 'Occurrences',
        indicator: { good: source, total: source },
      },
      actor: 'bench',
      at: new Date(start),
    });
  }
  const time = async (at: number) => {
    const began = performance.now();
    const result = await pulls.pullAll(new Date(at));
    return { ms: performance.now() - began, ...result };
  };
  const first = await time(start + 30_000);
  const steady: number[] = [];
  for (let minute = 1; minute <= 5; minute++) {
    steady.push((await time(start + minute * MINUTE_MS + 30_000)).ms);
  }
  steady.sort((a, b) => a - b);
  return {
    slos: count,
    firstCycleMs: first.ms,
    firstCycleRequests: first.requests,
    steadyCycleMedianMs: steady[Math.floor(steady.length / 2)],
  };
}
