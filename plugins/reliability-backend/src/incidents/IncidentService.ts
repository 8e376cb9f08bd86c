import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  actionAgeDays,
  actionClosedOnTime,
  ActionResponse,
  BusinessCalendar,
  businessDayDeadline,
  incidentDurations,
  IncidentResponse,
  isActionOverdue,
  postmortemOnTime,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { DateTime, IANAZone } from 'luxon';
import {
  IncidentStore,
  StoredIncident,
  StoredPostmortem,
} from '../database/incidents/IncidentStore';
import { StoredAction } from '../database/actions/ActionStore';

/** Incident settings of `reliability`: severities and the calendar. */
export interface IncidentConfig {
  severities: string[];
  calendar: BusinessCalendar;
}

/**
 * Reads `reliability.severities`, `reliability.timeZone` and
 * `reliability.holidays`; a bad value stops start-up naming its key.
 */
export function readIncidentConfig(config: Config): IncidentConfig {
  const severities = config.getOptionalStringArray(
    'reliability.severities',
  ) ?? ['SEV0', 'SEV1', 'SEV2', 'SEV3'];
  if (severities.length === 0) {
    throw new Error(
      "Invalid config at 'reliability.severities': must list at least one severity",
    );
  }
  const timeZone = config.getOptionalString('reliability.timeZone') ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) {
    throw new Error(
      `Invalid config at 'reliability.timeZone': '${timeZone}' is not an IANA time zone`,
    );
  }
  const holidays = config.getOptionalStringArray('reliability.holidays') ?? [];
  holidays.forEach((day, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) {
      throw new Error(
        `Invalid config at 'reliability.holidays[${i}]': '${day}' is not a date like 2026-12-25`,
      );
    }
  });
  return { severities, calendar: { timeZone, holidays } };
}

/**
 * Postmortem due dates from the tier policy, and the API views of
 * incidents and actions.
 */
export class IncidentService {
  constructor(
    private readonly options: {
      store: IncidentStore;
      tierPolicy: TierPolicyService;
      config: IncidentConfig;
    },
  ) {}

  get calendar(): BusinessCalendar {
    return this.options.config.calendar;
  }

  get severities(): string[] {
    return this.options.config.severities;
  }

  /**
   * Whether a postmortem is required and when it is due: the strictest
   * rule among the tiers of the affected entities that name the severity,
   * counted in business days from the resolution.
   */
  postmortemRule(
    incident: StoredIncident,
    entities: Entity[],
  ): { required: boolean; dueAt: string | null } {
    const days = entities
      .map(entity => this.options.tierPolicy.resolve(entity))
      .flatMap(r =>
        r.state === 'tiered' && r.policy.requirements.postmortem
          ? [r.policy.requirements.postmortem]
          : [],
      )
      .filter(rule => rule.severities.includes(incident.severity))
      .map(rule => rule.dueBusinessDays);
    if (days.length === 0) {
      return { required: false, dueAt: null };
    }
    const dueAt = incident.resolvedAt
      ? new Date(
          businessDayDeadline(
            Date.parse(incident.resolvedAt),
            Math.min(...days),
            this.calendar,
          ),
        ).toISOString()
      : null;
    return { required: true, dueAt };
  }

  incidentView(
    incident: StoredIncident,
    entities: Entity[],
    postmortem: StoredPostmortem | undefined,
    at: number,
  ): IncidentResponse {
    const rule = this.postmortemRule(incident, entities);
    const { updatedBy: _updatedBy, ...fields } = incident;
    return {
      ...fields,
      durations: incidentDurations(incident),
      postmortem: {
        required: rule.required,
        dueAt: rule.dueAt,
        status: postmortem?.status ?? null,
        documentUrl: postmortem?.documentUrl ?? null,
        summary: postmortem?.summary ?? null,
        publishedAt: postmortem?.publishedAt ?? null,
        version: postmortem?.version ?? null,
        onTime:
          rule.dueAt === null
            ? null
            : postmortemOnTime(
                {
                  status: postmortem?.status ?? 'draft',
                  publishedAt: postmortem?.publishedAt ?? null,
                  dueAt: rule.dueAt,
                },
                at,
              ),
      },
    };
  }

  actionView(action: StoredAction, at: number): ActionResponse {
    return {
      id: action.id,
      title: action.title,
      entityRef: action.entityRef,
      incidentId: action.incidentId,
      owner: action.owner,
      priority: action.priority,
      dueDate: action.dueDate,
      status: action.status,
      ticketUrl: action.ticketUrl,
      version: action.version,
      createdAt: action.createdAt,
      closedAt: action.closedAt,
      overdue: isActionOverdue(action, at, this.calendar),
      closedOnTime: actionClosedOnTime(action, this.calendar),
      ageDays: actionAgeDays(action, at),
    };
  }

  /** Overdue first, then by due date, then oldest first. */
  sortActions(actions: ActionResponse[]): ActionResponse[] {
    return [...actions].sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.dueDate.localeCompare(b.dueDate) ||
        a.createdAt.localeCompare(b.createdAt),
    );
  }

  /** Today's local date in the organisation's time zone. */
  today(at: number): string {
    return DateTime.fromMillis(at, {
      zone: this.calendar.timeZone,
    }).toISODate()!;
  }
}
