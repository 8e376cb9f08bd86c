import { InputError } from '@backstage/errors';
import {
  SCORECARD_KPI_IDS,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod/v3';
import { ReliabilityTeamConnection } from '@reliability-suite/plugin-reliability-node';
import {
  entityRefSchema,
  localDateSchema,
} from '../request/fieldSchemas';
import { parseInput } from '../request/parseInput';
import {
  ProviderWrites,
  BODY,
} from './ProviderWrites';

/** One team snapshot a provider loads: a Group, a real day, known KPIs. */
const teamSnapshotSchema = z
  .object({
    teamRef: entityRefSchema.refine(
      ref => ref.startsWith('group:'),
      'must be a Group ref such as group:default/payments',
    ),
    day: localDateSchema,
    values: z.record(
      z.enum(SCORECARD_KPI_IDS),
      z.number().finite().nullable(),
    ),
    computedAt: z.date({ invalid_type_error: 'must be a valid Date' }),
  })
  .strict();

/** Team history before today, through `TeamScorecardService`. */
export function teamConnection(w: ProviderWrites): ReliabilityTeamConnection {
  const { teamScorecards } = w.context;
  return {
    listSnapshots: (teamRef, sinceDay) =>
      teamScorecards.listSnapshots(toCanonicalEntityRef(teamRef), sinceDay),
    loadHistory: async snapshots => {
      // Days before today only: today's snapshot is the plugin's own.
      const today = w.now().toISOString().slice(0, 10);
      const history = parseInput(
        z.array(teamSnapshotSchema).max(50_000),
        snapshots,
        BODY,
      );
      history.forEach((snapshot, index) => {
        if (snapshot.day >= today) {
          throw new InputError(
            `Invalid request body '${index}.day': ${snapshot.day} is not before today (${today})`,
          );
        }
      });
      await w.audited(
        'team-history-load',
        {
          snapshots: history.length,
          teams: [...new Set(history.map(s => s.teamRef))],
        },
        undefined,
        () => teamScorecards.loadHistory(history),
      );
    },
  };
}
