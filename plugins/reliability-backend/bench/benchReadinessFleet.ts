import { Entity } from '@backstage/catalog-model';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import { performance } from 'perf_hooks';
import { ReliabilityStores } from '../src/database/ReliabilityStores';
import { BenchServices } from './benchServices';

const PAGE = 500;

/**
 * Readiness of the whole fleet as the plugin computes it: every component
 * read from the catalog in pages of {@link PAGE}, and each page's inputs
 * gathered in bulk (SLOs with status, open actions, incidents of the year
 * with postmortems, attestations, waivers, reviews from the store; owners
 * from the catalog over HTTP, once per owner; on-call answers from the
 * rotations in one batch) and every component's tier template evaluated. Reference:
 * the page's bulk store reads alone. Best of three rounds, the first of
 * which also fills the owner and people caches as a running backend has.
 */
export async function benchReadinessFleet(options: {
  stores: ReliabilityStores;
  services: BenchServices;
  at: Date;
}) {
  const { stores, at, services } = options;
  const { catalog, readinessService, credentials } = services;

  const pages: Entity[][] = [];
  for await (const page of catalog.streamEntities!(
    { filter: { kind: 'Component' }, pageSize: PAGE },
    { credentials },
  )) {
    pages.push(page);
  }
  const entities = pages.flat().length;

  let suiteMs = Infinity;
  let floorMs = Infinity;
  let ready = 0;
  for (let round = 0; round < 3; round++) {
    const floorStart = performance.now();
    for (const page of pages) {
      const refs = page.map(e => toCanonicalEntityRef(e));
      const [, incidents] = await Promise.all([
        stores.slos.listSlosByEntity(refs),
        stores.incidents.listIncidentsByEntity(
          refs,
          new Date(at.getTime() - 365 * 86_400_000),
        ),
        stores.actions.listActionsByEntity(refs, ['open', 'in-progress']),
        stores.readiness.listAttestationsByEntity(refs),
        stores.readiness.listWaiversByEntity(refs),
        stores.readiness.listReviewsByEntity(refs),
      ]);
      await stores.incidents.getPostmortems(
        [...incidents.values()].flat().map(i => i.id),
      );
    }
    floorMs = Math.min(floorMs, performance.now() - floorStart);

    const suiteStart = performance.now();
    ready = 0;
    for (const page of pages) {
      const results = await readinessService.evaluateMany(
        page,
        at,
        credentials,
      );
      ready += results.filter(r => r.ready).length;
    }
    suiteMs = Math.min(suiteMs, performance.now() - suiteStart);
  }
  return {
    entities,
    ready,
    suiteMsPerEntity: suiteMs / entities,
    floorMsPerEntity: floorMs / entities,
  };
}
