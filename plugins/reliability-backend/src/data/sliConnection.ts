import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import {
  ReliabilitySliConnection,
  ReliabilitySliMinute,
} from '@reliability-suite/plugin-reliability-node';
import { parseMeasurements } from '../request/parseMeasurements';
import { ProviderWrites } from './ProviderWrites';

/** SLI minutes and history, on the server's clock. */
export function sliConnection(w: ProviderWrites): ReliabilitySliConnection {
  const { sloDefinitions, stores } = w.context;
  const points = (minutes: ReliabilitySliMinute[]) =>
    parseMeasurements(
      minutes.map(m => ({
        timestamp: new Date(m.start).toISOString(),
        good: m.good,
        total: m.total,
      })),
    );
  return {
    minuteRetentionMs: w.context.sloService.minuteRetentionMs,
    maxBatchSize: w.context.sloService.maxBatchSize,
    measurementState: async ref => {
      const slo = await stores.slos.getSlo(
        toCanonicalEntityRef(ref.entityRef),
        ref.slo,
      );
      return slo
        ? {
            defined: true,
            newestStart: await sloDefinitions.newestBucketStart(slo),
          }
        : { defined: false, newestStart: null };
    },
    // Both on the server's clock: a provider's idea of "now" never moves
    // the ingest limits or the rollup.
    writeMinutes: async (ref, minutes) => {
      const slo = await w.slo(ref);
      const measurements = points(minutes);
      await w.audited(
        'slo-measurements',
        { entityRef: slo.entityRef, slo: slo.name, points: minutes.length },
        undefined,
        () => sloDefinitions.ingest(slo, measurements, w.now()),
      );
    },
    loadHistory: async (ref, minutes) => {
      const slo = await w.slo(ref);
      const measurements = points(minutes);
      await w.audited(
        'slo-history-load',
        { entityRef: slo.entityRef, slo: slo.name, points: minutes.length },
        undefined,
        () => sloDefinitions.loadHistory(slo, measurements, w.now()),
      );
    },
  };
}
