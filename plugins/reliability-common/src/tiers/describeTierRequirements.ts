import { TierRequirements } from './TierPolicy';
import { formatPercent } from '../format/formatPercent';

/**
 * Turns an ISO duration like `P12M` into words ("12 months"), for the few
 * units tier policies use.
 */
function describeDuration(iso: string): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  if (!match) {
    return iso;
  }
  const units = ['year', 'month', 'week', 'day'];
  return match
    .slice(1)
    .map((count, index) =>
      count ? `${count} ${units[index]}${count === '1' ? '' : 's'}` : '',
    )
    .filter(Boolean)
    .join(' ');
}

/**
 * Lists what a tier demands as short sentences, for badges and tooltips.
 * Only requirements that apply are listed; an empty list means the tier
 * demands nothing.
 *
 * @public
 */
export function describeTierRequirements(
  requirements: TierRequirements,
): string[] {
  const lines: string[] = [];
  if (requirements.sloRequired) {
    lines.push(
      requirements.minimumSloTarget !== null
        ? `SLO required, target at least ${formatPercent(
            requirements.minimumSloTarget,
          )}`
        : 'SLO required',
    );
  } else if (requirements.minimumSloTarget !== null) {
    lines.push(
      `SLO targets at least ${formatPercent(requirements.minimumSloTarget)}`,
    );
  }
  if (requirements.oncallRequired) {
    lines.push('On-call rotation required');
  }
  if (requirements.runbookRequired) {
    lines.push('Runbook link required');
  }
  if (requirements.postmortem) {
    const { severities, dueBusinessDays } = requirements.postmortem;
    lines.push(
      `Postmortem for ${severities.join(
        ', ',
      )} incidents within ${dueBusinessDays} business day${
        dueBusinessDays === 1 ? '' : 's'
      }`,
    );
  }
  if (requirements.drTestInterval) {
    lines.push(
      `Disaster-recovery test every ${describeDuration(
        requirements.drTestInterval,
      )}`,
    );
  }
  switch (requirements.errorBudgetPolicy.onExhaustion) {
    case 'freeze':
      lines.push('Exhausted error budget freezes deploys');
      break;
    case 'alert':
      lines.push('Exhausted error budget alerts the owners');
      break;
    default:
      break;
  }
  return lines;
}
