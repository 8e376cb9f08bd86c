import { ReadinessItemResult } from './Readiness';
import { readinessChanges } from './readinessChanges';

const item = (
  id: string,
  status: ReadinessItemResult['status'],
  level: ReadinessItemResult['level'] = 'required',
): ReadinessItemResult => ({
  id,
  title: `Title of ${id}`,
  category: 'Ownership',
  level,
  kind: 'automatic',
  status,
  reason: '',
});

describe('readinessChanges', () => {
  it('is empty when nothing moved', () => {
    const items = [item('owner', 'pass'), item('runbook', 'attested')];
    expect(readinessChanges(items, items)).toEqual([]);
  });

  it('lists moved, added and removed items, required first, removed last', () => {
    const approved = [
      item('owner', 'pass'),
      item('dashboard', 'pass', 'recommended'),
      item('runbook', 'attested'),
      item('capacity', 'waived', 'recommended'),
      item('old-check', 'pass'),
    ];
    const current = [
      item('owner', 'pass'),
      item('dashboard', 'fail', 'recommended'),
      item('runbook', 'expired'),
      item('capacity', 'waived', 'recommended'),
      item('dr-test', 'fail'),
    ];
    expect(
      readinessChanges(approved, current).map(c => [
        c.id,
        c.change,
        c.before,
        c.after,
      ]),
    ).toEqual([
      ['runbook', 'status', 'attested', 'expired'],
      ['dr-test', 'added', null, 'fail'],
      ['dashboard', 'status', 'pass', 'fail'],
      ['old-check', 'removed', 'pass', null],
    ]);
  });

  it('counts every current item as added against an empty snapshot', () => {
    const changes = readinessChanges(
      [],
      [item('a', 'pass', 'recommended'), item('b', 'fail')],
    );
    expect(changes.map(c => `${c.id}:${c.change}`)).toEqual([
      'b:added',
      'a:added',
    ]);
    expect(changes[0].title).toBe('Title of b');
  });
});
