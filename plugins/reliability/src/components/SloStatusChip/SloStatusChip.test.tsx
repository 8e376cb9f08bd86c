import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SloStatusName } from '@reliability-suite/plugin-reliability-common';
import { SloStatusChip, SLO_STATUS_TITLES } from './SloStatusChip';

describe('SloStatusChip', () => {
  it.each<[SloStatusName, string]>([
    ['exhausted', 'Budget exhausted'],
    ['page', 'Paging'],
    ['ticket', 'Ticket'],
    ['at-risk', 'At risk'],
    ['healthy', 'Healthy'],
    ['no-data', 'No data'],
  ])('shows %s as "%s"', async (status, title) => {
    await renderInTestApp(<SloStatusChip status={status} />);
    expect(screen.getByText(title)).toBeInTheDocument();
    expect(SLO_STATUS_TITLES[status]).toBe(title);
  });
});
