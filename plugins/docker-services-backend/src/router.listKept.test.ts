import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  asUser,
  OWNER,
  READER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// The list route keeps its answer while the index is unchanged, in the unit
// tier: the real router and index over a fake Docker engine.
const app = useRouterApp();
const LIST = '/entities/component/default/shop/containers';

describe('the list route over a live index', () => {
  it('answers a browser that holds the list with a 304, and a change with the new list', async () => {
    const { server, host, indexLive } = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    await indexLive();

    const first = await request(server).get(LIST).set(asUser(READER));
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+-/);
    expect(
      first.body.hosts[0].containers.map((c: { name: string }) => c.name),
    ).toEqual(['shop-web-1']);

    const callsBefore = host.calls.length;
    const again = await request(server)
      .get(LIST)
      .set({ ...asUser(OWNER), 'If-None-Match': first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(host.calls.slice(callsBefore)).toEqual([]);

    // A container the index learns of changes the answer and its tag.
    host.add({ name: 'shop-web-2', labels: shopLabels });
    await indexLive();
    const changed = await request(server)
      .get(LIST)
      .set({ ...asUser(READER), 'If-None-Match': first.headers.etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(
      changed.body.hosts[0].containers.map((c: { name: string }) => c.name),
    ).toEqual(['shop-web-1', 'shop-web-2']);
  });

  it('asks who is calling before it answers 304', async () => {
    const { server, host, indexLive } = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    await indexLive();
    const first = await request(server).get(LIST).set(asUser(READER));
    const anonymous = await request(server).get(LIST).set({
      Authorization: mockCredentials.user.invalidHeader(),
      'If-None-Match': first.headers.etag,
    });
    expect(anonymous.status).toBe(401);
    const missing = await request(server)
      .get('/entities/component/default/nothing-here/containers')
      .set({ ...asUser(READER), 'If-None-Match': first.headers.etag });
    expect(missing.status).toBe(404);
  });

  it('sends a long list gzipped, the same list as uncompressed', async () => {
    const { server, host, indexLive } = await app();
    for (let i = 0; i < 20; i++) {
      host.add({ name: `shop-web-${i}`, labels: shopLabels });
    }
    await indexLive();
    const gzipped = await request(server)
      .get(LIST)
      .set({ ...asUser(READER), 'Accept-Encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/^application\/json/);
    const plain = await request(server)
      .get(LIST)
      .set({ ...asUser(READER), 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(gzipped.headers.etag);
    // The client unzipped it by its header: the same list.
    expect(gzipped.body).toEqual(plain.body);
    expect(plain.body.hosts[0].containers).toHaveLength(20);
  });

  it('reads Docker, and keeps nothing, while the index is not live', async () => {
    const { server, host } = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    const first = await request(server).get(LIST).set(asUser(READER));
    expect(first.status).toBe(200);
    host.add({ name: 'shop-web-2', labels: shopLabels });
    const callsBefore = host.calls.length;
    const second = await request(server).get(LIST).set(asUser(READER));
    expect(host.calls.length).toBeGreaterThan(callsBefore);
    expect(second.body.hosts[0].containers).toHaveLength(2);
  });
});
