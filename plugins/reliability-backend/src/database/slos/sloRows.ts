import { SliBucket } from '@reliability-suite/plugin-reliability-common';
import { toDate } from '../toDate';
import { BudgetException, StoredSlo } from './SloStore';

export type SloRow = {
  id: number;
  entity_ref: string;
  name: string;
  source: 'catalog' | 'api';
  definition: string;
  version: number;
  updated_by: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

export type BucketRow = {
  slo_id: number;
  bucket_ms: number | string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
  data_slices: number | null;
  bad_slices: number | null;
  slice_shortfall: number | null;
};

export type BudgetExceptionRow = {
  id: number;
  entity_ref: string;
  reason: string;
  starts_at: Date | string | number;
  ends_at: Date | string | number;
  approved_by: string;
  created_at: Date | string | number;
};

export function toStoredSlo(row: SloRow): StoredSlo {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    name: row.name,
    source: row.source,
    definition: JSON.parse(row.definition),
    version: row.version,
    updatedBy: row.updated_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

// PostgreSQL returns bigint columns as strings; every count here fits a
// double exactly (< 2^53).
export function toBucket(row: BucketRow): SliBucket {
  return {
    start: Number(row.bucket_start),
    durationMs: Number(row.bucket_ms),
    good: Number(row.good),
    total: Number(row.total),
    ...(row.data_slices !== null ? { dataSlices: row.data_slices } : {}),
    ...(row.bad_slices !== null ? { badSlices: row.bad_slices } : {}),
    // Absent before the column existed (and in rows of other SLOs).
    ...(row.slice_shortfall !== null && row.slice_shortfall !== undefined
      ? { sliceShortfall: Number(row.slice_shortfall) }
      : {}),
  };
}

export function toBudgetException(row: BudgetExceptionRow): BudgetException {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    reason: row.reason,
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    approvedBy: row.approved_by,
    createdAt: toDate(row.created_at),
  };
}
