import { DateTime, Duration } from 'luxon';
import { z } from 'zod/v3';

/** How far a client's clock may run ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** `reliability.planningHorizon` when unset: two years. */
export const DEFAULT_PLANNING_HORIZON = Duration.fromObject({ years: 2 });

/**
 * The sane ranges of dates in requests, beyond what the timestamp parser
 * already refuses (anything outside 2000–2099): what happened (incident
 * times, an import's creation dates) is not in the future, and what
 * people plan (due dates, overrides, launch dates) lies within the
 * planning horizon. A typo's year 2206 is a 400 naming the field, not an
 * action that is never overdue.
 */
export class DateRules {
  constructor(
    private readonly options: {
      /** The server's clock. */
      now: () => Date;
      /** The organisation's local date at an instant (`2026-12-02`). */
      today: (atMs: number) => string;
      /** `reliability.planningHorizon`. */
      horizon: Duration;
    },
  ) {}

  /** The same rules on another clock: a test's, or a provider's `at`. */
  withClock(now: () => Date): DateRules {
    return new DateRules({ ...this.options, now });
  }

  /** The clock's time. */
  now(): Date {
    return this.options.now();
  }

  /** The organisation's local date at an instant. */
  localDate(atMs: number): string {
    return this.options.today(atMs);
  }

  /** The organisation's local date now. */
  today(): string {
    return this.options.today(this.options.now().getTime());
  }

  /** The last date a due date or launch date may name. */
  lastPlannableDate(): string {
    return DateTime.fromISO(this.today())
      .plus(this.options.horizon)
      .toISODate()!;
  }

  /** The last instant an override may reach, in epoch milliseconds. */
  lastPlannableInstant(): number {
    return DateTime.fromJSDate(this.options.now())
      .plus(this.options.horizon)
      .toMillis();
  }

  /** The horizon as people read it in messages: `P2Y`. */
  get horizon(): string {
    return this.options.horizon.toISO()!;
  }

  /**
   * A refinement for timestamps of things that happened: at most
   * {@link CLOCK_SKEW_MS} after the server's clock.
   */
  happened() {
    return (value: string | null | undefined, ctx: z.RefinementCtx) => {
      if (
        typeof value === 'string' &&
        Date.parse(value) > this.options.now().getTime() + CLOCK_SKEW_MS
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            "must not be in the future (more than 5 minutes after the server's clock)",
        });
      }
    };
  }

  /** A refinement for planned dates (`2027-01-15`): within the horizon. */
  plannable() {
    return (value: string | null | undefined, ctx: z.RefinementCtx) => {
      if (typeof value === 'string' && value > this.lastPlannableDate()) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at most ${
            this.horizon
          } ahead (${this.lastPlannableDate()}): see reliability.planningHorizon`,
        });
      }
    };
  }
}
