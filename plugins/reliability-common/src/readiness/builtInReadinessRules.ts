import { Duration } from 'luxon';
import { ReadinessRule } from './Readiness';

const PRIORITY_RANK: Record<string, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

/**
 * The built-in automatic rules, by id. Backend modules can add more
 * through the readiness extension point.
 *
 * @internal
 */
export const builtInReadinessRules: Readonly<Record<string, ReadinessRule>> = {
  'has-owner': facts =>
    facts.owner
      ? { pass: true, reason: `Owned by ${facts.owner}` }
      : { pass: false, reason: 'No owner (spec.owner)' },
  'owner-exists': facts => {
    if (!facts.owner) return { pass: false, reason: 'No owner to look up' };
    return facts.ownerExists
      ? { pass: true, reason: `${facts.owner} is in the catalog` }
      : { pass: false, reason: `${facts.owner} is not in the catalog` };
  },
  'has-tier': facts =>
    facts.tier
      ? { pass: true, reason: `Tier ${facts.tier.id}` }
      : { pass: false, reason: 'No valid reliability/tier annotation' },
  'slo-meets-tier-minimum': facts => {
    if (!facts.tier)
      return { pass: null, reason: 'No tier, so no minimum to meet' };
    const minimum = facts.tier.minimumSloTarget;
    if (facts.slos.length === 0) return { pass: false, reason: 'No SLO' };
    if (minimum === null)
      return {
        pass: true,
        reason: `${facts.slos.length} SLO(s); the tier sets no minimum`,
      };
    const meeting = facts.slos.filter(s => s.target >= minimum - 1e-12);
    return meeting.length > 0
      ? {
          pass: true,
          reason: `${meeting.length} SLO(s) target at least ${minimum}`,
        }
      : { pass: false, reason: `No SLO targets at least ${minimum}` };
  },
  'oncall-min-people': (facts, options) => {
    const min = Number(options.min ?? 2);
    const levels = Number(options.levels ?? 1);
    if (facts.oncallPeople === 0)
      return { pass: false, reason: 'No on-call rotation answers' };
    if (facts.oncallPeople < min)
      return {
        pass: false,
        reason: `${facts.oncallPeople} person(s) on call, at least ${min} needed`,
      };
    if (facts.oncallLevels < levels)
      return {
        pass: false,
        reason: `${facts.oncallLevels} escalation level(s), at least ${levels} needed`,
      };
    return {
      pass: true,
      reason: `${facts.oncallPeople} people on call, ${facts.oncallLevels} level(s)`,
    };
  },
  'runbook-link': facts =>
    facts.links.runbook
      ? { pass: true, reason: 'Runbook linked' }
      : { pass: false, reason: 'No metadata.links entry of type runbook' },
  'dashboard-link': facts =>
    facts.links.dashboard
      ? { pass: true, reason: 'Dashboard linked' }
      : { pass: false, reason: 'No metadata.links entry of type dashboard' },
  'no-overdue-actions': (facts, options) => {
    const max = PRIORITY_RANK[String(options.priority ?? 'P1')] ?? 1;
    const blocking = facts.overdueActionPriorities.filter(
      p => (PRIORITY_RANK[p] ?? 9) <= max,
    );
    return blocking.length === 0
      ? {
          pass: true,
          reason: `No overdue action of priority ${
            options.priority ?? 'P1'
          } or higher`,
        }
      : {
          pass: false,
          reason: `${blocking.length} overdue action(s) of priority ${
            options.priority ?? 'P1'
          } or higher`,
        };
  },
  'postmortems-on-time': facts =>
    facts.latePostmortems === 0
      ? { pass: true, reason: 'No late postmortem' }
      : { pass: false, reason: `${facts.latePostmortems} postmortem(s) late` },
  'budget-not-exhausted': facts => {
    const exhausted = facts.slos.filter(s => s.status === 'exhausted').length;
    return exhausted === 0
      ? { pass: true, reason: 'No exhausted error budget' }
      : { pass: false, reason: `${exhausted} SLO(s) with an exhausted budget` };
  },
  'dr-test-within-interval': (facts, _options, at) => {
    const interval = facts.tier?.drTestInterval;
    if (!interval)
      return { pass: true, reason: 'The tier requires no DR test' };
    if (!facts.drTestAt) return { pass: false, reason: 'No DR test recorded' };
    const due =
      Date.parse(facts.drTestAt) + Duration.fromISO(interval).toMillis();
    return due >= at
      ? {
          pass: true,
          reason: `Last DR test ${facts.drTestAt.slice(
            0,
            10,
          )}, within ${interval}`,
        }
      : {
          pass: false,
          reason: `Last DR test ${facts.drTestAt.slice(
            0,
            10,
          )} is older than ${interval}`,
        };
  },
};
