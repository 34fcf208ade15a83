import { gunzipSync } from 'node:zlib';
import { JsonBodies, toJsonBody } from './JsonBodies';

describe('toJsonBody', () => {
  it('serialises once, tags the bytes and gzips them once', async () => {
    const body = toJsonBody({ a: 1 });
    expect(body.bytes.toString()).toBe('{"a":1}');
    expect(body.etag).toBe(toJsonBody({ a: 1 }).etag);
    expect(body.etag).not.toBe(toJsonBody({ a: 2 }).etag);
    const gzipped = await body.gzipped();
    expect(gunzipSync(gzipped).toString()).toBe('{"a":1}');
    expect(await body.gzipped()).toBe(gzipped);
  });
});

describe('JsonBodies', () => {
  const counting = () => {
    let builds = 0;
    return {
      build: async () => ({ build: ++builds }),
      builds: () => builds,
    };
  };

  it('keeps a slot for its key, and builds anew when the key moves on', async () => {
    const bodies = new JsonBodies();
    const { build, builds } = counting();
    let key = 'v1';
    const first = await bodies.get('a', () => key, build);
    expect(await bodies.get('a', () => key, build)).toBe(first);
    expect(builds()).toBe(1);
    key = 'v2';
    const second = await bodies.get('a', () => key, build);
    expect(second.bytes.toString()).toBe('{"build":2}');
    expect(builds()).toBe(2);
  });

  it('shares one build among requests that come while it runs', async () => {
    const bodies = new JsonBodies();
    const { build, builds } = counting();
    const all = await Promise.all(
      Array.from({ length: 5 }, () => bodies.get('a', () => 'v1', build)),
    );
    expect(new Set(all).size).toBe(1);
    expect(builds()).toBe(1);
  });

  it('keeps nothing without a key, when the key moved during the build, or when the build failed', async () => {
    const bodies = new JsonBodies();
    const { build, builds } = counting();
    await bodies.get('a', () => undefined, build);
    await bodies.get('a', () => undefined, build);
    expect(builds()).toBe(2);

    let key = 'v1';
    await bodies.get(
      'b',
      () => key,
      async () => {
        key = 'v2';
        return build();
      },
    );
    key = 'v1';
    await bodies.get('b', () => key, build);
    expect(builds()).toBe(4);

    await expect(
      bodies.get(
        'c',
        () => 'v1',
        async () => Promise.reject(new Error('x')),
      ),
    ).rejects.toThrow('x');
    await new Promise(setImmediate);
    expect((await bodies.get('c', () => 'v1', build)).bytes.toString()).toBe(
      '{"build":5}',
    );
  });

  it('drops the least recently used slots past its size, and idle ones', async () => {
    let now = 0;
    const bodies = new JsonBodies({
      maxEntries: 2,
      idleMs: 1000,
      now: () => now,
    });
    const { build, builds } = counting();
    await bodies.get('a', () => 'v', build);
    await bodies.get('b', () => 'v', build);
    await bodies.get('a', () => 'v', build); // a is now the most recent
    await bodies.get('c', () => 'v', build); // b goes
    expect(builds()).toBe(3);
    await bodies.get('a', () => 'v', build);
    expect(builds()).toBe(3);
    await bodies.get('b', () => 'v', build);
    expect(builds()).toBe(4);

    now = 5000;
    await bodies.get('d', () => 'v', build); // every other slot was idle
    await bodies.get('a', () => 'v', build);
    expect(builds()).toBe(6);
  });
});
