/**
 * The sizes of DESIGN §6. S: 1,000 entities, 300 SLOs. M: 10,000 entities
 * (7,000 components), 3,000 SLOs with 30 days of SLI data, 20,000 action
 * items, 60,000 readiness results (attestations and waivers).
 */
export interface BenchSize {
  name: 'S' | 'M';
  entities: number;
  components: number;
  slos: number;
  actions: number;
  readinessResults: number;
  groups: number;
  users: number;
}

export const SIZES: Record<'S' | 'M', BenchSize> = {
  S: {
    name: 'S',
    entities: 1_000,
    components: 700,
    slos: 300,
    actions: 2_000,
    readinessResults: 6_000,
    groups: 20,
    users: 100,
  },
  M: {
    name: 'M',
    entities: 10_000,
    components: 7_000,
    slos: 3_000,
    actions: 20_000,
    readinessResults: 60_000,
    groups: 200,
    users: 1_000,
  },
};

export const TIERS = ['tier-0', 'tier-1', 'tier-2', 'tier-3'];

/** Entity i's tier: a fifth of each tier, a fifth without. */
export function tierOf(i: number): string | null {
  return i % 5 === 4 ? null : TIERS[i % 5];
}
