import { BurnRateLookback } from './SloDefinition';
import { parseSloDuration } from './parseSloDuration';

/**
 * The multi-window, multi-burn-rate alerting rules of the Google SRE
 * Workbook (chapter 5), as the share of the window's budget each rule
 * guards: 2 % in 1 hour and 5 % in 6 hours page, 10 % in 3 days tickets.
 */
const RULES: ReadonlyArray<{
  severity: 'page' | 'ticket';
  longWindow: BurnRateLookback;
  shortWindow: BurnRateLookback;
  budgetFraction: number;
}> = [
  {
    severity: 'page',
    longWindow: '1h',
    shortWindow: '5m',
    budgetFraction: 0.02,
  },
  {
    severity: 'page',
    longWindow: '6h',
    shortWindow: '30m',
    budgetFraction: 0.05,
  },
  {
    severity: 'ticket',
    longWindow: '3d',
    shortWindow: '6h',
    budgetFraction: 0.1,
  },
];

/**
 * A burn-rate alert rule with its threshold scaled to a window.
 *
 * @internal
 */
export interface BurnRateAlertRule {
  severity: 'page' | 'ticket';
  longWindow: BurnRateLookback;
  shortWindow: BurnRateLookback;
  threshold: number;
}

/**
 * The alert rules for a window of `windowLengthMs`: the threshold keeps the
 * same budget fraction, `fraction × W / long lookback`. For 30 days that
 * is 14.4, 6 and 1; for 28 days 13.44, 5.6 and 0.933….
 *
 * @internal
 */
export function burnRateAlertRules(
  windowLengthMs: number,
): BurnRateAlertRule[] {
  return RULES.map(rule => ({
    severity: rule.severity,
    longWindow: rule.longWindow,
    shortWindow: rule.shortWindow,
    threshold:
      (rule.budgetFraction * windowLengthMs) /
      parseSloDuration(rule.longWindow)!,
  }));
}
