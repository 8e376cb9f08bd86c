/** Who the demo's records are written by, where no person is named. */
export const DEMO_ACTOR = 'demo-data';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
