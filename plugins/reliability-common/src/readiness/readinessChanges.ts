import { ReadinessChange, ReadinessItemResult } from './Readiness';

/**
 * What changed since an approved snapshot, for a reviewer deciding again:
 * items whose status moved, items added and items removed. Unchanged items
 * are left out; required items come first, then in the current
 * template's order, removed items last.
 *
 * @internal
 */
export function readinessChanges(
  approved: ReadinessItemResult[],
  current: ReadinessItemResult[],
): ReadinessChange[] {
  const before = new Map(approved.map(i => [i.id, i]));
  const now = new Set(current.map(i => i.id));
  const changes: ReadinessChange[] = [];
  for (const item of current) {
    const old = before.get(item.id);
    if (!old || old.status !== item.status) {
      changes.push({
        id: item.id,
        title: item.title,
        level: item.level,
        change: old ? 'status' : 'added',
        before: old?.status ?? null,
        after: item.status,
      });
    }
  }
  for (const old of approved) {
    if (!now.has(old.id)) {
      changes.push({
        id: old.id,
        title: old.title,
        level: old.level,
        change: 'removed',
        before: old.status,
        after: null,
      });
    }
  }
  const rank = (c: ReadinessChange) =>
    (c.change === 'removed' ? 2 : 0) + (c.level === 'required' ? 0 : 1);
  // Array.prototype.sort is stable: ties keep the template's order.
  return changes.sort((a, b) => rank(a) - rank(b));
}
