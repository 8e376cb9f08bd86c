import { Knex } from 'knex';
import { BudgetExceptionRow, toBudgetException } from './sloRows';
import { BudgetException } from './SloStore';

/*
 * Budget exceptions: time-bound openings of a frozen deploy gate. They
 * never change once granted, so revoking compares the id alone.
 */

export async function createBudgetException(
  db: Knex,
  options: Omit<BudgetException, 'id'>,
): Promise<BudgetException> {
  const [row] = await db<BudgetExceptionRow>('budget_exceptions')
    .insert({
      entity_ref: options.entityRef,
      reason: options.reason,
      starts_at: options.startsAt,
      ends_at: options.endsAt,
      approved_by: options.approvedBy,
      created_at: options.createdAt,
    })
    .returning('*');
  return toBudgetException(row);
}

export async function deleteBudgetException(
  db: Knex,
  entityRef: string,
  id: string,
): Promise<BudgetException | undefined> {
  if (!/^\d{1,12}$/.test(id)) return undefined;
  const where = { id: Number(id), entity_ref: entityRef };
  return db.transaction(async tx => {
    const row = await tx<BudgetExceptionRow>('budget_exceptions')
      .where(where)
      .first();
    // The delete decides (SQLite cannot return deleted rows): of
    // concurrent revokes that all read the row, one removes it.
    if (!row || (await tx('budget_exceptions').where(where).delete()) === 0)
      return undefined;
    return toBudgetException(row);
  });
}

export async function listBudgetExceptions(
  db: Knex,
  entityRef: string,
  activeAt?: Date,
): Promise<BudgetException[]> {
  let query = db<BudgetExceptionRow>('budget_exceptions').where({
    entity_ref: entityRef,
  });
  if (activeAt) {
    query = query
      .andWhere('starts_at', '<=', activeAt)
      .andWhere('ends_at', '>', activeAt);
  }
  const rows = await query.orderBy('ends_at', 'desc');
  return rows.map(toBudgetException);
}
