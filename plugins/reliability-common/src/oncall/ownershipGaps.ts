/**
 * Kinds of ownership gap an entity can have (DESIGN §4).
 *
 * @public
 */
export type OwnershipGapCode =
  | 'no-owner'
  | 'owner-not-found'
  | 'owner-group-empty'
  | 'no-rotation'
  | 'nobody-on-call'
  | 'single-person-rotation'
  | 'no-tier'
  | 'slo-required'
  | 'overdue-postmortem'
  | 'overdue-actions';

/** @public */
export interface OwnershipGap {
  code: OwnershipGapCode;
  message: string;
}

/** Facts the on-call gaps are decided from. @internal */
export interface OwnershipFacts {
  /** `spec.owner` as a ref, or null when absent or a placeholder. */
  owner: string | null;
  ownerExists: boolean;
  /** Members of the owning group, child groups included (groups only). */
  ownerMemberCount: number | null;
  /** The rotation answering for the entity, if any. */
  rotation: { name: string; people: number } | null;
  /** Whether anybody is on call on level 1 now. */
  someoneOnCall: boolean;
  /** Whether the entity has a valid tier; absent: not checked. */
  hasTier?: boolean;
  /** Whether its tier requires an SLO and it has none. */
  missingRequiredSlo?: boolean;
  /** Postmortems past their due time and not published. */
  overduePostmortems?: number;
  /** Open actions past their due date. */
  overdueActions?: number;
}

/**
 * The ownership gaps this facts show, in a fixed order: owner
 * first, then on-call.
 *
 * @internal
 */
export function ownershipGaps(facts: OwnershipFacts): OwnershipGap[] {
  const gaps: OwnershipGap[] = [];
  if (!facts.owner) {
    gaps.push({
      code: 'no-owner',
      message: 'The entity has no owner. Set spec.owner to a Group.',
    });
  } else if (!facts.ownerExists) {
    gaps.push({
      code: 'owner-not-found',
      message: `The owner ${facts.owner} does not exist in the catalog.`,
    });
  } else if (facts.ownerMemberCount === 0) {
    gaps.push({
      code: 'owner-group-empty',
      message: `The owning group ${facts.owner} has no members, child groups included.`,
    });
  }
  if (!facts.rotation) {
    gaps.push({
      code: 'no-rotation',
      message: 'No on-call rotation answers for this entity.',
    });
  } else {
    if (!facts.someoneOnCall) {
      gaps.push({
        code: 'nobody-on-call',
        message: `Nobody is on call now in ${facts.rotation.name}.`,
      });
    }
    if (facts.rotation.people === 1) {
      gaps.push({
        code: 'single-person-rotation',
        message: `${facts.rotation.name} has a single person on level 1: nobody covers their absence.`,
      });
    }
  }
  if (facts.hasTier === false) {
    gaps.push({
      code: 'no-tier',
      message: 'The entity has no valid tier (annotation reliability/tier).',
    });
  }
  if (facts.missingRequiredSlo) {
    gaps.push({
      code: 'slo-required',
      message: 'Its tier requires an SLO and it has none.',
    });
  }
  return gaps;
}
