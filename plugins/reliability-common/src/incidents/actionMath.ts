import { BusinessCalendar, endOfLocalDate } from './businessDays';
import { ActionStatus, isClosedActionStatus } from './Incident';

const DAY_MS = 24 * 3_600_000;

/** What the action facts are computed from. @internal */
export interface ActionTiming {
  status: ActionStatus;
  /** Local due date, `YYYY-MM-DD`. */
  dueDate: string;
  createdAt: string;
  closedAt: string | null;
}

/**
 * Overdue: not closed, and the due date's end has passed.
 *
 * @internal
 */
export function isActionOverdue(
  action: ActionTiming,
  at: number,
  calendar: Pick<BusinessCalendar, 'timeZone'>,
): boolean {
  return (
    !isClosedActionStatus(action.status) &&
    at > endOfLocalDate(action.dueDate, calendar)
  );
}

/**
 * Closed on time: closed by the end of its due date; null while open.
 *
 * @internal
 */
export function actionClosedOnTime(
  action: ActionTiming,
  calendar: Pick<BusinessCalendar, 'timeZone'>,
): boolean | null {
  if (!isClosedActionStatus(action.status) || !action.closedAt) {
    return null;
  }
  return (
    Date.parse(action.closedAt) <= endOfLocalDate(action.dueDate, calendar)
  );
}

/**
 * Age in whole days from creation to closing (or to `at` while open).
 *
 * @internal
 */
export function actionAgeDays(action: ActionTiming, at: number): number {
  const end =
    action.closedAt && isClosedActionStatus(action.status)
      ? Date.parse(action.closedAt)
      : at;
  return Math.floor((end - Date.parse(action.createdAt)) / DAY_MS);
}

/**
 * Whether a postmortem was, is or will be on time: true when published by
 * its due instant, false when published late or still unpublished after
 * it, null while unpublished and not yet due.
 *
 * @internal
 */
export function postmortemOnTime(
  postmortem: { status: string; publishedAt: string | null; dueAt: string },
  at: number,
): boolean | null {
  const due = Date.parse(postmortem.dueAt);
  if (postmortem.status === 'published' && postmortem.publishedAt) {
    return Date.parse(postmortem.publishedAt) <= due;
  }
  return at > due ? false : null;
}
