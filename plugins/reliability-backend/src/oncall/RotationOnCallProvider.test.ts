import { Entity } from '@backstage/catalog-model';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { OnCallStore } from '../database/oncall/OnCallStore';
import { RotationOnCallProvider } from './RotationOnCallProvider';

const rotation = (
  id: string,
  team: string,
  users: string[],
): RotationResponse => ({
  id,
  name: id,
  team,
  timeZone: 'Europe/Berlin',
  // Weekly Monday 09:00 hand-offs from 2 November 2026 (CET, UTC+1).
  handoffAnchor: '2026-11-02T09:00:00',
  shiftLength: 'P1W',
  levels: [{ users }],
  overrides: [],
  version: 1,
  updatedBy: null,
  updatedAt: '2026-11-01T00:00:00.000Z',
});

const rotations = [
  rotation('payments-primary', 'group:default/payments', [
    'user:default/ana',
    'user:default/bruno',
  ]),
  rotation('payments-secondary', 'group:default/payments', [
    'user:default/zoe',
  ]),
  rotation('sre-special', 'group:default/sre', ['user:default/gita']),
];

function fakeStore() {
  const calls: string[] = [];
  const store = {
    async getRotations(ids: string[]) {
      calls.push(`getRotations ${ids.join(',')}`);
      return ids.map(id => rotations.find(r => r.id === id));
    },
    async listRotations(options: { teams?: string[] } = {}) {
      calls.push(`listRotations ${options.teams?.join(',')}`);
      return rotations.filter(r => options.teams?.includes(r.team) ?? true);
    },
  } as unknown as OnCallStore;
  return { store, calls };
}

const entity = (name: string, annotation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    ...(annotation
      ? { annotations: { 'reliability/oncall-rotation': annotation } }
      : {}),
  },
});
// Wednesday 25 November 2026: the fourth weekly shift (k = 3) → bruno.
const at = new Date('2026-11-25T12:00:00Z');

describe('RotationOnCallProvider', () => {
  it('answers a batch with two queries: named rotations and the teams’ first', async () => {
    const { store, calls } = fakeStore();
    const provider = new RotationOnCallProvider(store);
    const answers = await provider.getOnCallMany([
      { entity: entity('a'), team: 'group:default/payments', at },
      {
        entity: entity('b', ' SRE-Special '),
        team: 'group:default/payments',
        at,
      },
      { entity: entity('c'), team: 'group:default/unknown', at },
      { entity: entity('d', 'gone'), team: 'group:default/payments', at },
      { entity: entity('e'), team: null, at },
      { entity: entity('f'), team: 'group:default/payments', at },
    ]);
    expect(calls.sort()).toEqual([
      'getRotations sre-special,gone',
      'listRotations group:default/payments,group:default/unknown',
    ]);
    expect(answers.map(a => a?.rotation.id ?? null)).toEqual([
      'payments-primary',
      'sre-special',
      null,
      // A named rotation that does not exist is no answer, not the team's.
      null,
      null,
      'payments-primary',
    ]);
    expect(answers[0]!.levels).toEqual([
      {
        level: 1,
        user: 'user:default/bruno',
        shiftEnd: '2026-11-30T08:00:00.000Z',
        override: false,
      },
    ]);
    expect(answers[0]!.nextHandoffs[0]).toEqual({
      at: '2026-11-30T08:00:00.000Z',
      level: 1,
      from: 'user:default/bruno',
      to: 'user:default/ana',
    });
    // The same rotation at the same instant is answered once.
    expect(answers[5]).toBe(answers[0]);
  });

  it('answers one request as the batch of one would', async () => {
    const { store } = fakeStore();
    const provider = new RotationOnCallProvider(store);
    const request = { entity: entity('a'), team: 'group:default/payments', at };
    expect(await provider.getOnCall(request)).toEqual(
      (await provider.getOnCallMany([request]))[0],
    );
  });
});
