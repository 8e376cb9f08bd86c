import { ScorecardKpiId } from '@reliability-suite/plugin-reliability-common';
import {
  ReliabilityTeamConnection,
  ReliabilityTeamSnapshot as TeamSnapshot,
} from '@reliability-suite/plugin-reliability-node';
import { DAY_MS } from './demoClock';

const SHARE_KPIS: ScorecardKpiId[] = [
  'slo-coverage',
  'postmortems-on-time',
  'actions-closed-on-time',
  'dr-tested',
  'readiness-coverage',
];

/**
 * Demo only: a made-up history before today's real snapshot, so that the
 * trend lines of a fresh demo portal have something to show. Each past day
 * is today's value moved back along a steady improvement (shares 30 %
 * lower 90 days ago, counts and minutes higher) with a wobble;
 * values without data stay without data.
 */
export function demoTrendHistory(
  today: TeamSnapshot,
  days: number,
): TeamSnapshot[] {
  const history: TeamSnapshot[] = [];
  for (let ago = days - 1; ago >= 1; ago--) {
    const back = ago / days;
    const wobble = Math.sin(ago / 3) * 0.03;
    const values: TeamSnapshot['values'] = {};
    for (const [id, value] of Object.entries(today.values) as Array<
      [ScorecardKpiId, number | null]
    >) {
      if (value === null || value === undefined) {
        values[id] = null;
      } else if (SHARE_KPIS.includes(id)) {
        // Relative, so that a share of 0 stays 0.
        values[id] = Math.min(1, value * (1 - 0.3 * back + wobble));
      } else if (id === 'mtta') {
        values[id] = Math.round(value * (1 + back + wobble) * 10) / 10;
      } else {
        values[id] = Math.round(value + 3 * back + 2 * wobble);
      }
    }
    const at = new Date(today.computedAt.getTime() - ago * DAY_MS);
    history.push({
      teamRef: today.teamRef,
      day: at.toISOString().slice(0, 10),
      values,
      computedAt: at,
    });
  }
  return history;
}

/**
 * Loads the made-up history of every team that has only today's snapshot
 * (the plugin's daily task takes it).
 *
 * @returns how many teams got a history now, and the teams that need no
 *   more (history loaded now or before); the others have no snapshot yet
 */
export async function seedDemoTrends(options: {
  teams: ReliabilityTeamConnection;
  teamRefs: string[];
  days: number;
}): Promise<{ seeded: number; settled: string[] }> {
  const { teams, days } = options;
  let seeded = 0;
  const settled: string[] = [];
  for (const teamRef of options.teamRefs) {
    // All of it: a team with older days (a portal restarted after a
    // break) has its history, whatever the last weeks hold.
    const existing = await teams.listSnapshots(teamRef, '0000-01-01');
    if (existing.length === 0) continue;
    if (existing.length === 1) {
      await teams.loadHistory(demoTrendHistory(existing[0], days));
      seeded += 1;
    }
    settled.push(teamRef);
  }
  return { seeded, settled };
}
