import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';

/**
 * Takes the SLO's row lock for the rest of the transaction, so that the
 * writes that rewrite an SLO's buckets (ingest, history replacement,
 * rollup) never interleave: on PostgreSQL a rollup that read minutes a
 * history load then replaced would add them to the hour a second time.
 * SQLite runs one write transaction at a time anyway, but the row is read
 * there too: an SLO deleted a moment ago must not get buckets again.
 *
 * @returns whether the SLO still exists
 */
export async function lockSlo(
  tx: Knex.Transaction,
  sloId: number,
): Promise<boolean> {
  const query = tx('slos').where({ id: sloId });
  const row = String(tx.client.config.client).includes('pg')
    ? await query.forUpdate().first('id')
    : await query.first('id');
  return row !== undefined;
}

/**
 * {@link lockSlo} for writes of measurements, which fail when the SLO has
 * gone: a delete that won the race must not leave buckets behind.
 */
export async function lockExistingSlo(
  tx: Knex.Transaction,
  sloId: number,
): Promise<void> {
  if (!(await lockSlo(tx, sloId))) {
    throw new NotFoundError(
      'The SLO was deleted while its measurements were being written',
    );
  }
}
