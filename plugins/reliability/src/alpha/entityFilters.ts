/**
 * Where the Reliability Suite's entity extensions appear by default, as
 * filter predicates so an app can change them in `app-config.yaml`
 * (`app.extensions[].<id>.config.filter`).
 */

/** The kinds that run and fail: the same set as `isReliabilityAvailable`. */
export const reliabilityEntityFilter = {
  kind: { $in: ['component', 'system', 'resource', 'api'] },
};

/** Teams: the on-call and scorecard tabs of a Group page. */
export const groupEntityFilter = { kind: 'group' };
