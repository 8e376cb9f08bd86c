import {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { SummaryVisibility } from '../database/summaries/EntitySummaryStore';

type Criteria = PermissionCriteria<
  PermissionCondition<string, PermissionRuleParams>
>;

/**
 * Translates a conditional decision on `reliability.entity.read` (the
 * catalog's entity rules) into a filter on the stored summaries, so that
 * hidden rows are neither listed nor counted. The summaries keep kind and
 * owner, so `IS_ENTITY_KIND` and `IS_ENTITY_OWNER` translate exactly.
 *
 * Any other rule's answer is unknown here, and a row is shown only when
 * the decision is certainly ALLOW whatever that answer would be: the
 * translation tracks whether it is after "certainly true" or "certainly
 * false" of each part, so `not` over an unknown rule hides rather than
 * shows. Such rules are reported in `unsupported`.
 */
export function visibilityFromConditions(
  criteria: Criteria,
  unsupported: Set<string> = new Set(),
): SummaryVisibility {
  return certainly(criteria, true, unsupported);
}

function certainly(
  criteria: Criteria,
  wanted: boolean,
  unsupported: Set<string>,
): SummaryVisibility {
  if ('allOf' in criteria) {
    const parts = criteria.allOf.map(c => certainly(c, wanted, unsupported));
    // All true, or: any false.
    return wanted ? { allOf: parts } : { anyOf: parts };
  }
  if ('anyOf' in criteria) {
    const parts = criteria.anyOf.map(c => certainly(c, wanted, unsupported));
    return wanted ? { anyOf: parts } : { allOf: parts };
  }
  if ('not' in criteria) {
    return certainly(criteria.not, !wanted, unsupported);
  }
  const params = (criteria.params ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];
  let matches: SummaryVisibility;
  if (criteria.rule === 'IS_ENTITY_KIND') {
    matches = { kinds: strings(params.kinds) };
  } else if (criteria.rule === 'IS_ENTITY_OWNER') {
    matches = { owners: strings(params.claims) };
  } else {
    unsupported.add(criteria.rule);
    return { none: true };
  }
  return wanted ? matches : { not: matches };
}
