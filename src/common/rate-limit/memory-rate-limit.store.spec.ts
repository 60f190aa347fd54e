import { MemoryRateLimitStore } from './memory-rate-limit.store';

describe('MemoryRateLimitStore', () => {
  let store: MemoryRateLimitStore;
  beforeEach(() => (store = new MemoryRateLimitStore()));
  afterEach(() => store.onModuleDestroy());

  it('counts hits within a window and starts over after it', async () => {
    expect((await store.hit('k', 50)).count).toBe(1);
    const second = await store.hit('k', 50);
    expect(second.count).toBe(2);
    expect(second.resetAt).toBeGreaterThan(Date.now());
    expect((await store.peek('k')).count).toBe(2);
    await new Promise((r) => setTimeout(r, 60));
    expect((await store.peek('k')).count).toBe(0);
    expect((await store.hit('k', 50)).count).toBe(1);
  });

  it('keeps keys apart and resets one', async () => {
    await store.hit('a', 1000);
    await store.hit('b', 1000);
    await store.reset('a');
    expect((await store.peek('a')).count).toBe(0);
    expect((await store.peek('b')).count).toBe(1);
  });
});
