import { describeTierRequirements } from '@reliability-suite/plugin-reliability-common';
import { useEntitySummary } from '../hooks/useEntitySummary';
import TierIcon from '@material-ui/icons/Layers';

/**
 * The tier icon link's props: the tier's title, what it requires as the
 * hover text, and a link to the Reliability tab (a sibling path of the
 * entity page). While the summary loads, or when it fails, the link says
 * so instead of guessing a tier.
 */
export function useTierIconLinkProps() {
  const { value: summary, loading, error } = useEntitySummary();
  const icon = <TierIcon />;
  const href = 'reliability';
  if (loading) {
    return { label: 'Tier …', icon, disabled: true };
  }
  if (error || !summary) {
    return {
      label: 'Tier unavailable',
      title: error?.message ?? 'No answer from the reliability backend',
      icon,
      disabled: true,
    };
  }
  if (summary.tier) {
    return {
      label: summary.tier.title,
      title: describeTierRequirements(summary.tier.requirements).join('\n'),
      icon,
      href,
    };
  }
  const unknown = summary.problems.find(p => p.code === 'unknown-tier');
  return {
    label: unknown ? 'Unknown tier' : 'No tier',
    title: unknown?.message ?? 'Add the reliability/tier annotation',
    icon,
    href,
  };
}
