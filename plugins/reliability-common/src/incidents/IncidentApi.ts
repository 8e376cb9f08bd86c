import {
  ActionStatus,
  Incident,
  IncidentDurations,
  PostmortemStatus,
} from './Incident';

/** An incident as the API returns it. @public */
export interface IncidentResponse extends Incident {
  version: number;
  durations: IncidentDurations;
  postmortem: {
    /** Whether a tier of an affected entity requires one for this severity. */
    required: boolean;
    /** Computed from the resolution time and the strictest tier rule. */
    dueAt: string | null;
    status: PostmortemStatus | null;
    documentUrl: string | null;
    summary: string | null;
    publishedAt: string | null;
    version: number | null;
    /** True/false once published or overdue; null while open and not due. */
    onTime: boolean | null;
  };
}

/** An action item as the API returns it. @public */
export interface ActionResponse {
  id: string;
  title: string;
  entityRef: string;
  incidentId: string | null;
  owner: string;
  priority: string;
  dueDate: string;
  status: ActionStatus;
  ticketUrl: string | null;
  version: number;
  createdAt: string;
  closedAt: string | null;
  overdue: boolean;
  closedOnTime: boolean | null;
  ageDays: number;
}
