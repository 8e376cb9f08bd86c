import { ReadinessService } from './ReadinessService';
import { StoredReview } from '../database/readiness/ReadinessStore';

const attestation = {
  id: '5',
  itemId: 'rollback',
  evidenceUrl: 'https://docs.acme.example/rollback',
  note: null,
  attestedBy: 'user:default/ana',
  attestedAt: '2026-10-01T00:00:00.000Z',
  expiresAt: '2027-03-30T00:00:00.000Z',
};

const approved: StoredReview = {
  id: '1',
  entityRef: 'component:default/svc',
  state: 'approved',
  requestedBy: 'user:default/ana',
  requestedAt: '2026-11-01T00:00:00.000Z',
  targetLaunchDate: null,
  decidedBy: 'user:default/gita',
  decidedAt: '2026-11-02T00:00:00.000Z',
  comment: null,
  tierId: 'tier-1',
  snapshot: {
    items: [
      {
        id: 'rollback',
        title: 'Rollback',
        category: 'Operations',
        level: 'required',
        kind: 'manual',
        status: 'attested',
        reason: '',
        attestation,
      },
    ],
    score: 1,
    ready: true,
  },
  version: 2,
};

const waiver = {
  id: '8',
  itemId: 'rollback',
  reason: 'Drill scheduled next week',
  approvedBy: 'user:default/gita',
  expiresAt: '2026-12-10T00:00:00.000Z',
};

function service(attestations = [attestation], waivers = [waiver]) {
  return new ReadinessService({
    stores: {
      readiness: {
        listAttestations: async () => attestations,
        listWaivers: async () => waivers,
      },
    } as any,
    catalog: {} as any,
    tierPolicy: {} as any,
    onCallService: {} as any,
    ownershipService: {} as any,
    incidentService: {} as any,
  });
}

describe('ReadinessService.reviewView', () => {
  const at = new Date('2026-11-23T12:00:00Z');

  it('keeps an approval while its tier and evidence hold', async () => {
    expect(await service().reviewView(approved, 'tier-1', at)).toMatchObject({
      state: 'approved',
      lapseReason: null,
    });
  });

  it('lapses when the tier changes', async () => {
    expect(await service().reviewView(approved, 'tier-0', at)).toMatchObject({
      state: 'lapsed',
      lapseReason: 'The tier changed from tier-1 to tier-0 since the approval',
    });
  });

  it('lapses when an attestation it relied on expires or is removed', async () => {
    const expired = [{ ...attestation, expiresAt: '2026-11-20T00:00:00.000Z' }];
    expect(
      (await service(expired).reviewView(approved, 'tier-1', at)).state,
    ).toBe('lapsed');
    expect(
      (await service([]).reviewView(approved, 'tier-1', at)).lapseReason,
    ).toBe(
      "The attestation of 'rollback' it relied on has expired or was removed",
    );
  });

  it('keeps an approval that rested on a waiver over expired evidence', async () => {
    const expired = { ...attestation, expiresAt: '2026-10-15T00:00:00.000Z' };
    const waivedOverExpired: StoredReview = {
      ...approved,
      snapshot: {
        ...approved.snapshot!,
        items: [
          {
            ...approved.snapshot!.items[0],
            status: 'waived',
            attestation: expired,
            waiver,
          },
        ],
      },
    };
    expect(
      await service([expired]).reviewView(waivedOverExpired, 'tier-1', at),
    ).toMatchObject({ state: 'approved', lapseReason: null });
    // …until the waiver itself runs out or is removed.
    const later = new Date('2026-12-11T00:00:00Z');
    expect(
      await service([expired]).reviewView(waivedOverExpired, 'tier-1', later),
    ).toMatchObject({
      state: 'lapsed',
      lapseReason:
        "The waiver of 'rollback' it relied on has expired or was removed",
    });
    expect(
      (await service([expired], []).reviewView(waivedOverExpired, 'tier-1', at))
        .state,
    ).toBe('lapsed');
  });

  it('lapses after the configured age', async () => {
    const later = new Date('2027-06-01T00:00:00Z');
    const longLived = [
      { ...attestation, expiresAt: '2028-01-01T00:00:00.000Z' },
    ];
    expect(
      (await service(longLived).reviewView(approved, 'tier-1', later))
        .lapseReason,
    ).toBe('The approval is older than P180D');
  });

  it('leaves requested and rejected reviews as they are', async () => {
    expect(
      (
        await service([]).reviewView(
          { ...approved, state: 'rejected' },
          'tier-0',
          at,
        )
      ).state,
    ).toBe('rejected');
  });
});
