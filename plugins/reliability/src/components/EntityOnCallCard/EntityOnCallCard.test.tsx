import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { checkoutEntity, mockReliabilityApi } from '../../testUtils/fixtures';
import { EntityOnCallCard } from './EntityOnCallCard';

const person = (name: string, displayName: string) => ({
  ref: `user:default/${name}`,
  displayName,
  email: `${name}@acme.example`,
});

function renderCard(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityOnCallCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityOnCallCard', () => {
  it('shows who is on call per level, overrides, the next hand-off and gaps', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntityOnCall: jest.fn(async () => ({
          team: 'group:default/payments',
          rotation: {
            id: 'payments-primary',
            name: 'Payments primary',
            timeZone: 'Europe/Berlin',
          },
          levels: [
            {
              level: 1,
              user: person('olivia', 'Olivia Okafor'),
              shiftEnd: '2026-11-24T06:00:00.000Z',
              override: true,
            },
            {
              level: 2,
              user: person('gita', 'Gita Gupta'),
              shiftEnd: '2026-11-30T08:00:00.000Z',
              override: false,
            },
          ],
          nextHandoffs: [
            {
              at: '2026-11-24T06:00:00.000Z',
              level: 1,
              from: 'user:default/olivia',
              to: 'user:default/ana',
              toPerson: person('ana', 'Ana Alves'),
            },
          ],
          source: 'rotations',
          gaps: [
            {
              code: 'single-person-rotation' as const,
              message: 'Payments primary has a single person on level 1.',
            },
          ],
        })),
      }),
    );
    const level1 = await screen.findByTestId('oncall-level-1');
    expect(within(level1).getByText('Olivia Okafor')).toBeInTheDocument();
    expect(within(level1).getByText('olivia@acme.example')).toHaveAttribute(
      'href',
      'mailto:olivia@acme.example',
    );
    expect(within(level1).getByText('Override')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('oncall-level-2')).getByText('Gita Gupta'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('oncall-level-2')).queryByText('Override'),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/Next hand-off/)).toBeInTheDocument();
    expect(screen.getByText('Ana Alves')).toBeInTheDocument();
    expect(
      screen.getByText('Payments primary has a single person on level 1.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Payments primary · hand-offs in Europe/Berlin'),
    ).toBeInTheDocument();
  });

  it('explains how to add a rotation, with the gaps', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntityOnCall: jest.fn(async () => ({
          team: 'group:default/observability',
          rotation: null,
          levels: [],
          nextHandoffs: [],
          source: null,
          gaps: [
            {
              code: 'owner-group-empty' as const,
              message:
                'The owning group group:default/observability has no members, child groups included.',
            },
            {
              code: 'no-rotation' as const,
              message: 'No on-call rotation answers for this entity.',
            },
          ],
        })),
      }),
    );
    expect(await screen.findByText('No on-call rotation')).toBeInTheDocument();
    expect(
      screen.getByText(/Create a rotation for group:default\/observability/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No on-call rotation answers for this entity.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntityOnCall: jest.fn(async () => {
          throw new Error('On-call unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: On-call unavailable'),
    ).toBeInTheDocument();
  });
});
