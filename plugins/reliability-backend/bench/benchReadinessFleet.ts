import {
  builtInReadinessRules,
  defaultReadinessTemplates,
  evaluateReadiness,
  ReadinessFacts,
} from '@reliability-suite/plugin-reliability-common';
import { performance } from 'perf_hooks';
import { DatabaseReliabilityStore } from '../src/database/DatabaseReliabilityStore';

/**
 * Readiness of the whole fleet: per component, its attestations and
 * waivers read from the seeded store and its tier's template evaluated
 * over its facts. The facts are synthetic (gathering them is the catalog's
 * and the other stores' cost). Reference: the same store reads alone.
 * Best of three rounds.
 */
export async function benchReadinessFleet(
  store: DatabaseReliabilityStore,
  components: Array<{ ref: string; tier: string | null }>,
  now: number,
) {
  const entities = components.map((c, i) => ({
    ...c,
    facts: {
      owner: `group:default/team-${i % 50}`,
      ownerExists: i % 17 !== 0,
      tier: c.tier
        ? { id: c.tier, minimumSloTarget: 0.99, drTestInterval: 'P180D' }
        : null,
      slos: [{ target: 0.999, status: i % 9 === 0 ? 'exhausted' : 'ok' }],
      oncallPeople: i % 5,
      oncallLevels: 1 + (i % 2),
      links: { runbook: i % 3 !== 0, dashboard: i % 4 !== 0 },
      overdueActionPriorities: i % 7 === 0 ? ['P1'] : [],
      latePostmortems: i % 11 === 0 ? 1 : 0,
      drTestAt: null,
    } satisfies ReadinessFacts,
  }));
  let suiteMs = Infinity;
  let floorMs = Infinity;
  let ready = 0;
  for (let round = 0; round < 3; round++) {
    const floorStart = performance.now();
    for (const e of entities) {
      await Promise.all([
        store.listAttestations(e.ref),
        store.listWaivers(e.ref),
      ]);
    }
    floorMs = Math.min(floorMs, performance.now() - floorStart);
    const suiteStart = performance.now();
    ready = 0;
    for (const e of entities) {
      const [attestations, waivers] = await Promise.all([
        store.listAttestations(e.ref),
        store.listWaivers(e.ref),
      ]);
      const result = evaluateReadiness({
        template: (e.tier && defaultReadinessTemplates[e.tier]) || [],
        facts: e.facts,
        attestations,
        waivers,
        rules: builtInReadinessRules,
        at: now,
      });
      if (result.ready) ready++;
    }
    suiteMs = Math.min(suiteMs, performance.now() - suiteStart);
  }
  return {
    entities: entities.length,
    ready,
    suiteMsPerEntity: suiteMs / entities.length,
    floorMsPerEntity: floorMs / entities.length,
  };
}
