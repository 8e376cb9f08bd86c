import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { reliabilityApiRef } from '../api/ReliabilityApi';
import { mockReliabilityApi, tier0Summary } from '../testUtils/fixtures';
import { useReliabilityQuery } from './useReliabilityQuery';

function wrapperFor(api = mockReliabilityApi()) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
}

const ref = (name: string) => ({
  kind: 'component',
  namespace: 'default',
  name,
});

describe('useReliabilityQuery', () => {
  it('loads with the API, then holds the answer', async () => {
    const api = mockReliabilityApi();
    const { result } = renderHook(
      () =>
        useReliabilityQuery(a => a.getEntitySummary(ref('checkout-api')), []),
      { wrapper: wrapperFor(api) },
    );
    expect(result.current.loading).toBe(true);
    expect(result.current.value).toBeUndefined();
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value).toEqual(tier0Summary);
    expect(result.current.error).toBeUndefined();
    expect(api.getEntitySummary).toHaveBeenCalledWith(ref('checkout-api'));
  });

  it('gives the error of a failed load', async () => {
    const api = mockReliabilityApi({
      listPendingReviews: jest.fn(async () => {
        throw new Error('queue unavailable');
      }),
    });
    const { result } = renderHook(
      () => useReliabilityQuery(a => a.listPendingReviews(), []),
      { wrapper: wrapperFor(api) },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.error?.message).toBe('queue unavailable');
    expect(result.current.value).toBeUndefined();
  });

  it('loads again on retry, keeping the last answer meanwhile', async () => {
    const listRotations = jest
      .fn()
      .mockResolvedValueOnce([{ id: 'first' }])
      .mockResolvedValueOnce([{ id: 'second' }]);
    const { result } = renderHook(
      () => useReliabilityQuery(a => a.listRotations('group:default/sre'), []),
      { wrapper: wrapperFor(mockReliabilityApi({ listRotations })) },
    );
    await waitFor(() =>
      expect(result.current.value).toEqual([{ id: 'first' }]),
    );
    act(() => result.current.retry());
    expect(result.current.loading).toBe(true);
    expect(result.current.value).toEqual([{ id: 'first' }]);
    await waitFor(() =>
      expect(result.current.value).toEqual([{ id: 'second' }]),
    );
    expect(listRotations).toHaveBeenCalledTimes(2);
  });

  it('loads again when a dependency changes, and only then', async () => {
    const api = mockReliabilityApi();
    const { result, rerender } = renderHook(
      ({ team }: { team: string }) =>
        useReliabilityQuery(a => a.listRotations(team), [team]),
      { wrapper: wrapperFor(api), initialProps: { team: 'group:default/sre' } },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    rerender({ team: 'group:default/sre' });
    expect(api.listRotations).toHaveBeenCalledTimes(1);
    rerender({ team: 'group:default/payments' });
    await waitFor(() => expect(api.listRotations).toHaveBeenCalledTimes(2));
    expect(api.listRotations).toHaveBeenLastCalledWith(
      'group:default/payments',
    );
  });

  it('keeps the last answer beside the error when a retry fails', async () => {
    const listRotations = jest
      .fn()
      .mockResolvedValueOnce([{ id: 'first' }])
      .mockRejectedValueOnce(new Error('backend restarting'))
      .mockResolvedValueOnce([{ id: 'third' }]);
    const { result } = renderHook(
      () => useReliabilityQuery(a => a.listRotations('group:default/sre'), []),
      { wrapper: wrapperFor(mockReliabilityApi({ listRotations })) },
    );
    await waitFor(() =>
      expect(result.current.value).toEqual([{ id: 'first' }]),
    );
    act(() => result.current.retry());
    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend restarting'),
    );
    expect(result.current.value).toEqual([{ id: 'first' }]);
    act(() => result.current.retry());
    await waitFor(() =>
      expect(result.current.value).toEqual([{ id: 'third' }]),
    );
    expect(result.current.error).toBeUndefined();
  });

  it('never gives the answer for the previous dependencies', async () => {
    let resolveSecond: (value: unknown) => void = () => {};
    const listRotations = jest
      .fn()
      .mockResolvedValueOnce([{ id: 'sre' }])
      .mockImplementationOnce(
        () => new Promise(resolve => (resolveSecond = resolve)),
      );
    const { result, rerender } = renderHook(
      ({ team }: { team: string }) =>
        useReliabilityQuery(a => a.listRotations(team), [team]),
      {
        wrapper: wrapperFor(mockReliabilityApi({ listRotations })),
        initialProps: { team: 'group:default/sre' },
      },
    );
    await waitFor(() => expect(result.current.value).toEqual([{ id: 'sre' }]));
    rerender({ team: 'group:default/payments' });
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value).toBeUndefined();
    await act(async () => resolveSecond([{ id: 'payments' }]));
    await waitFor(() =>
      expect(result.current.value).toEqual([{ id: 'payments' }]),
    );
  });
});
