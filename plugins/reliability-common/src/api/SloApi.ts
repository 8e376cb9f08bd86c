import { OpenSloError, SloDefinition, SloStatusReport } from '../slo';

/**
 * One SLO in `GET …/slos`.
 *
 * @public
 */
export interface SloResponse {
  name: string;
  displayName?: string;
  description?: string;
  source: 'catalog' | 'api';
  version: number;
  definition: SloDefinition;
  /** Last computed status; null until the SLO has been evaluated. */
  status: SloStatusReport | null;
  /** Where a pulled SLO stands with its SLI provider; absent when pushed. */
  pull?: SloPullInfo;
}

/**
 * A pulled SLO's provider and how far it has been pulled.
 *
 * @public
 */
export interface SloPullInfo {
  /** The provider's id, e.g. `prometheus`. */
  provider: string;
  /** Measurements before this instant are pulled; null before the first pull. */
  pulledUntil: string | null;
  lastSuccessAt: string | null;
  /** The last failure, until a pull succeeds. */
  problem: string | null;
  /** After failures: no attempt before this instant. */
  nextAttemptAt: string | null;
  /** A replay someone asked for: where it started, and how far along it is (0–1). */
  replay: { from: string; progress: number } | null;
}

/** @public */
export interface SloListResponse {
  items: SloResponse[];
}

/** The summary's short form of an SLO. @public */
export interface SloSummary {
  name: string;
  displayName?: string;
  target: number;
  status: SloStatusReport['status'];
  budgetRemaining: number | null;
}

/**
 * `GET …/deploy-gate`.
 *
 * @public
 */
export interface DeployGateResponse {
  allowed: boolean;
  /** Why, in sentences a person can act on. */
  reasons: string[];
  /** Whether the tier's error-budget policy freezes on exhaustion. */
  freezePolicy: boolean;
  /** The exception that lets a frozen entity deploy, if one does. */
  exception?: BudgetExceptionResponse;
}

/** @public */
export interface BudgetExceptionResponse {
  id: number;
  entityRef: string;
  reason: string;
  startsAt: string;
  endsAt: string;
  approvedBy: string;
  createdAt: string;
}

/** `GET …/slos/{name}/series`. @public */
export interface SloSeriesResponse {
  points: Array<{
    at: string;
    attainment: number | null;
    budgetRemaining: number | null;
  }>;
}

/** An OpenSLO file problem, as shown with the summary. @public */
export type SloFileProblem = OpenSloError & { location: string };

/**
 * `PUT …/slos/{sloName}/history`: what replaced the SLO's measurements
 * over `[from, to)`.
 *
 * @public
 */
export interface SloHistoryResponse {
  from: string;
  to: string;
  /** Points received. */
  stored: number;
  /** Buckets written, by resolution (each point goes where its age puts it). */
  buckets: { minutes: number; hours: number; days: number };
  /** Stored buckets the range held before, now replaced. */
  replaced: number;
  /** The SLO's status afterwards. */
  status: string;
}
