import { Knex } from 'knex';

/**
 * Takes the SLO's row lock for the rest of the transaction, so that the
 * writes that rewrite an SLO's buckets (ingest, history replacement,
 * rollup) never interleave: on PostgreSQL a rollup that read minutes a
 * history load then replaced would add them to the hour a second time.
 * SQLite runs one write transaction at a time anyway.
 */
export async function lockSlo(
  tx: Knex.Transaction,
  sloId: number,
): Promise<void> {
  if (!String(tx.client.config.client).includes('pg')) return;
  await tx('slos').where({ id: sloId }).forUpdate().first('id');
}
