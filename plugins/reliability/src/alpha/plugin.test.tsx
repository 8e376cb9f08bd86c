import { Entity } from '@backstage/catalog-model';
import {
  coreExtensionData,
  ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { renderHook, screen, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { reliabilityApiRef } from '../api/ReliabilityApi';
import {
  checkoutEntity,
  mockReliabilityApi,
  untieredSummary,
} from '../testUtils/fixtures';
import { ReliabilityApi } from '../api/ReliabilityApi';
import {
  onCallEntityCard,
  postmortemActionsEntityCard,
  readinessEntityCard,
  slosEntityCard,
  tierEntityCard,
} from './entityCards';
import {
  groupOnCallEntityContent,
  incidentsEntityContent,
  reliabilityEntityContent,
  teamScorecardEntityContent,
} from './entityContents';
import { overviewPage, readinessReviewsPage } from './pages';
import { reliabilityPlugin } from './plugin';
import { TestApiProvider as LegacyTestApiProvider } from '@backstage/test-utils';
import { useTierIconLinkProps } from './useTierIconLinkProps';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', namespace: 'default' },
});

/** An extension's entity filter: the same data for entity cards and tabs. */
const filterOf = (tester: { get(ref: unknown): unknown }) =>
  tester.get(EntityContentBlueprint.dataRefs.filterFunction) as (
    entity: Entity,
  ) => boolean;

describe('the new frontend system plugin', () => {
  it('is the reliability plugin with every extension the README lists', () => {
    expect(reliabilityPlugin.pluginId).toBe('reliability');
    for (const id of [
      'api:reliability',
      'entity-content:reliability/reliability',
      'entity-content:reliability/incidents',
      'entity-content:reliability/team-scorecard',
      'entity-content:reliability/group-oncall',
      'entity-card:reliability/tier',
      'entity-card:reliability/slos',
      'entity-card:reliability/oncall',
      'entity-card:reliability/postmortem-actions',
      'entity-card:reliability/readiness',
      'entity-icon-link:reliability/tier',
      'catalog-filter:reliability/tier',
      'page:reliability/overview',
      'page:reliability/readiness-reviews',
    ] as const) {
      expect(reliabilityPlugin.getExtension(id)).toBeDefined();
    }
    const tester = createExtensionTester(reliabilityEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/reliability');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Reliability',
    );
  });

  it.each<[string, ExtensionDefinition<any>]>([
    ['the Reliability tab', reliabilityEntityContent],
    ['the Incidents tab', incidentsEntityContent],
  ])('shows %s on services, systems, resources and APIs only', (_, ext) => {
    const filter = filterOf(createExtensionTester(ext));
    expect(filter).toBeDefined();
    for (const kind of ['Component', 'System', 'Resource', 'API']) {
      expect(filter(entityOfKind(kind))).toBe(true);
    }
    for (const kind of ['Group', 'User', 'Domain', 'Location']) {
      expect(filter(entityOfKind(kind))).toBe(false);
    }
  });

  it.each<[string, ExtensionDefinition<any>, string]>([
    ['the team scorecard', teamScorecardEntityContent, '/reliability'],
    ['the on-call tab', groupOnCallEntityContent, '/oncall'],
  ])('shows %s on Group pages only', (_, ext, path) => {
    const tester = createExtensionTester(ext);
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    const filter = filterOf(tester);
    expect(filter(entityOfKind('Group'))).toBe(true);
    expect(filter(entityOfKind('Component'))).toBe(false);
  });

  it('takes the tab title and the kinds from app-config', () => {
    const tester = createExtensionTester(reliabilityEntityContent, {
      config: {
        title: 'SRE',
        path: '/sre',
        filter: { kind: 'component' },
      },
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('SRE');
    expect(tester.get(coreExtensionData.routePath)).toBe('/sre');
    const filter = filterOf(tester);
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(false);
  });

  it.each<[string, ExtensionDefinition<any>, string | undefined]>([
    ['tier', tierEntityCard, 'info'],
    ['slos', slosEntityCard, undefined],
    ['oncall', onCallEntityCard, undefined],
    ['postmortem-actions', postmortemActionsEntityCard, undefined],
    ['readiness', readinessEntityCard, undefined],
  ])('offers the %s card for service pages', (_, card, type) => {
    const tester = createExtensionTester(card);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe(type);
    const filter = filterOf(tester);
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('User'))).toBe(false);
  });

  it('renders the tier card for the entity in context', async () => {
    const api = mockReliabilityApi();
    await renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, api]]}>
        <EntityProvider entity={checkoutEntity}>
          {createExtensionTester(tierEntityCard).reactElement()}
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Tier 0 (critical)')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
  });

  it.each<[ExtensionDefinition<any>, string]>([
    [overviewPage, '/reliability'],
    [readinessReviewsPage, '/reliability/reviews'],
  ])('mounts a page at the legacy app’s path', (page, path) => {
    expect(createExtensionTester(page).get(coreExtensionData.routePath)).toBe(
      path,
    );
  });
});

describe('useTierIconLinkProps', () => {
  const wrapper =
    (api: ReliabilityApi) =>
    ({ children }: { children: ReactNode }) =>
      (
        <LegacyTestApiProvider apis={[[reliabilityApiRef, api]]}>
          <EntityProvider entity={checkoutEntity}>{children}</EntityProvider>
        </LegacyTestApiProvider>
      );

  it('names the tier, says what it requires and links to the Reliability tab', async () => {
    const { result } = renderHook(() => useTierIconLinkProps(), {
      wrapper: wrapper(mockReliabilityApi()),
    });
    expect(result.current).toMatchObject({ label: 'Tier …', disabled: true });
    await waitFor(() => expect(result.current.label).toBe('Tier 0 (critical)'));
    expect(result.current.href).toBe('reliability');
    expect(result.current.title).toContain(
      'SLO required, target at least 99.9 %',
    );
  });

  it('says when the entity has no tier', async () => {
    const api = mockReliabilityApi();
    (api.getEntitySummary as jest.Mock).mockResolvedValue(untieredSummary);
    const { result } = renderHook(() => useTierIconLinkProps(), {
      wrapper: wrapper(api),
    });
    await waitFor(() => expect(result.current.label).toBe('No tier'));
    expect(result.current.title).toBe('Add the reliability/tier annotation');
  });

  it('says the tier is unavailable, with the reason, when the backend fails', async () => {
    const api = mockReliabilityApi();
    (api.getEntitySummary as jest.Mock).mockRejectedValue(
      new Error('Service unavailable'),
    );
    const { result } = renderHook(() => useTierIconLinkProps(), {
      wrapper: wrapper(api),
    });
    await waitFor(() => expect(result.current.label).toBe('Tier unavailable'));
    expect(result.current).toMatchObject({
      title: 'Service unavailable',
      disabled: true,
    });
  });
});
