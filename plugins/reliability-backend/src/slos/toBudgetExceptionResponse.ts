import { BudgetException } from '../database/slos/SloStore';

/** The API shape of a budget exception. */
export function toBudgetExceptionResponse(exception: BudgetException) {
  return {
    id: exception.id,
    entityRef: exception.entityRef,
    reason: exception.reason,
    startsAt: exception.startsAt.toISOString(),
    endsAt: exception.endsAt.toISOString(),
    approvedBy: exception.approvedBy,
    createdAt: exception.createdAt.toISOString(),
  };
}
