import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
} from '@reliability-suite/plugin-reliability-node';
import { OnCallService } from './OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';

const component = (
  name: string,
  owner: string,
  pagerduty?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    ...(pagerduty
      ? { annotations: { 'pagerduty.com/service-id': pagerduty } }
      : {}),
  },
  spec: { owner },
});

const answer = (team: string | null, user: string): OnCallAnswer => ({
  team,
  rotation: {
    id: `${user}-rota`,
    name: 'Rota',
    timeZone: 'UTC',
    levelOnePeople: 1,
  },
  levels: [
    { level: 1, user, shiftEnd: '2026-11-30T08:00:00.000Z', override: false },
  ],
  nextHandoffs: [],
});

describe('OnCallService.answerMany', () => {
  it('asks each provider about what the ones before it left, in batches where it can', async () => {
    const asked: string[] = [];
    // Per-entity only: answers entities with a PagerDuty service.
    const pagerduty: OnCallProvider = {
      id: 'pagerduty',
      async getOnCall(request: OnCallRequest) {
        asked.push(`pagerduty ${request.entity.metadata.name}`);
        return request.entity.metadata.annotations?.['pagerduty.com/service-id']
          ? answer(request.team, 'user:default/pd-person')
          : undefined;
      },
    };
    // Batches: answers entities owned by payments.
    const rotations: OnCallProvider = {
      id: 'rotations',
      async getOnCall() {
        throw new Error('asked one by one although it takes batches');
      },
      async getOnCallMany(requests) {
        asked.push(
          `rotations ${requests.map(r => r.entity.metadata.name).join(',')}`,
        );
        return requests.map(r =>
          r.team === 'group:default/payments'
            ? answer(r.team, 'user:default/ana')
            : undefined,
        );
      },
    };
    const service = new OnCallService({
      providers: [pagerduty, rotations],
      ownership: new OwnershipService({
        catalog: catalogServiceMock({ entities: [] }),
        placeholderOwners: ['none'],
      }),
    });
    const at = new Date('2026-11-25T12:00:00Z');
    const results = await service.answerMany(
      [
        component('a', 'group:default/payments', 'P123'),
        component('b', 'group:default/payments'),
        component('c', 'group:default/search'),
        component('d', 'none'),
      ],
      at,
    );
    expect(asked).toEqual([
      'pagerduty a',
      'pagerduty b',
      'pagerduty c',
      'pagerduty d',
      'rotations b,c,d',
    ]);
    expect(
      results.map(r => (r ? `${r.source}:${r.answer.levels[0].user}` : null)),
    ).toEqual([
      'pagerduty:user:default/pd-person',
      'rotations:user:default/ana',
      null,
      null,
    ]);
  });
});
