import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { GroupOnCallContent } from './GroupOnCallContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const rotation: RotationResponse = {
  id: 'payments-primary',
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-10-05T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
  overrides: [],
  version: 4,
  updatedBy: 'user:default/ana',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function renderTab(api = mockReliabilityApi(), allowed = true) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [
          permissionApiRef,
          new MockPermissionApi(() =>
            allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      {/* A fresh cache per test: usePermission caches decisions with SWR. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={group}>
          <GroupOnCallContent />
        </EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
  );
}

describe('GroupOnCallContent', () => {
  it("shows the team's rotation and its 14-day timeline, editable for members", async () => {
    const api = mockReliabilityApi({
      listRotations: jest.fn(async () => [rotation]),
    });
    await renderTab(api);
    expect(await screen.findByText('Payments primary')).toBeInTheDocument();
    expect(api.listRotations).toHaveBeenCalledWith('group:default/payments');
    expect(
      screen.getByRole('figure', {
        name: 'On-call timeline of Payments primary for the next 14 days',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Edit rotation')).toBeInTheDocument();
    expect(screen.getByText('Add override')).toBeInTheDocument();
  });

  it('hides the forms from people who may not manage the rotation', async () => {
    await renderTab(
      mockReliabilityApi({ listRotations: jest.fn(async () => [rotation]) }),
      false,
    );
    expect(await screen.findByText('Payments primary')).toBeInTheDocument();
    expect(screen.queryByText('Edit rotation')).not.toBeInTheDocument();
    expect(screen.queryByText('Add override')).not.toBeInTheDocument();
  });

  it('says so when someone else changed the rotation, instead of overwriting', async () => {
    const stale = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'PreconditionFailedError',
            message: 'version 5, not 4',
          },
          response: { statusCode: 412 },
        }),
        {
          status: 412,
          statusText: 'Precondition Failed',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    const api = mockReliabilityApi({
      listRotations: jest.fn(async () => [rotation]),
      putRotation: jest.fn(async () => {
        throw stale;
      }),
    });
    await renderTab(api);
    fireEvent.click(await screen.findByText('Edit rotation'));
    fireEvent.click(screen.getByText('Save'));
    expect(
      await screen.findByText(
        'This rotation was changed by someone else. Reload it, then make your change again.',
      ),
    ).toBeInTheDocument();
    expect(api.putRotation).toHaveBeenCalledWith(
      'payments-primary',
      expect.objectContaining({ team: 'group:default/payments' }),
      4,
    );
  });

  it('offers to create a rotation for a team without one', async () => {
    await renderTab();
    expect(
      await screen.findByText('This team has no on-call rotation'),
    ).toBeInTheDocument();
    expect(screen.getByText('Create rotation')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderTab(
      mockReliabilityApi({
        listRotations: jest.fn(async () => {
          throw new Error('Rotations unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: Rotations unavailable'),
    ).toBeInTheDocument();
  });
});
