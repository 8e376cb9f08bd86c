import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('shares a value until it expires', async () => {
    let now = 1_000;
    const cache = new TtlCache<number>(30_000, 10, () => now);
    const load = jest.fn(async () => now);
    await expect(cache.get('a', load)).resolves.toBe(1_000);
    now = 30_999;
    await expect(cache.get('a', load)).resolves.toBe(1_000);
    expect(load).toHaveBeenCalledTimes(1);
    now = 31_000;
    await expect(cache.get('a', load)).resolves.toBe(31_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep failures, and drops the oldest entry when full', async () => {
    const cache = new TtlCache<string>(30_000, 2, () => 0);
    await expect(
      cache.get('x', async () => {
        throw new Error('catalog down');
      }),
    ).rejects.toThrow('catalog down');
    await expect(cache.get('x', async () => 'back')).resolves.toBe('back');
    await cache.get('y', async () => 'y');
    await cache.get('z', async () => 'z');
    // x was the oldest of three: loaded again.
    await expect(cache.get('x', async () => 'again')).resolves.toBe('again');
    await expect(cache.get('z', async () => 'not again')).resolves.toBe('z');
  });
});
