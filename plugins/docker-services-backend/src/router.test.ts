import request from 'supertest';
import {
  asUser,
  OWNER,
  READER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// The entity routes in the unit tier: the real router and services over a
// fake Docker engine.
const app = useRouterApp();

describe('the router over a fake engine', () => {
  it('lists only what is bound to the entity, and says why a claim finds nothing', async () => {
    const { server, host } = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({
      name: 'unbound',
      labels: {
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
      },
    });

    const shop = await request(server)
      .get('/entities/component/default/shop/containers')
      .set(asUser(READER));
    expect(shop.status).toBe(200);
    expect(shop.body.hosts[0].containers.map((c: any) => c.id)).toEqual([
      web.id,
    ]);

    const claimer = await request(server)
      .get('/entities/component/default/claimer/containers')
      .set(asUser(OWNER));
    expect(claimer.body.hosts[0]).toMatchObject({
      containers: [],
      emptyReason: expect.stringMatching(/is bound to this entity/),
    });
    const claim = await request(server)
      .post(
        `/entities/component/default/claimer/containers/local/${web.id}/stop`,
      )
      .set(asUser(OWNER));
    expect(claim.status).toBe(404);
    expect(web.state).toBe('running');
  });

  it('runs an action once for many simultaneous identical requests, each recorded', async () => {
    const { server, host, db } = await app();
    const web = host.add({
      name: 'shop-web-1',
      labels: shopLabels,
      state: 'exited',
    });
    const url = `/entities/component/default/shop/containers/local/${web.id}/start`;
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(server).post(url).set(asUser(OWNER)),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(30).fill(200));
    expect(host.calls.filter(c => c.startsWith('start '))).toHaveLength(1);
    expect(responses.filter(r => r.body.changed)).toHaveLength(1);
    const rows = await db('docker_services_history').select('outcome');
    expect(rows).toHaveLength(30);
    expect(rows.every(r => r.outcome === 'succeeded')).toBe(true);
  });

  it('refuses a reader, and a Docker failure becomes a sentence', async () => {
    const { server, host } = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    const url = `/entities/component/default/shop/containers/local/${web.id}`;
    const refused = await request(server)
      .post(`${url}/stop`)
      .set(asUser(READER));
    expect(refused.status).toBe(403);

    host.failWith = Object.assign(
      new Error('connect ECONNREFUSED /var/run/docker.sock'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const down = await request(server).post(`${url}/stop`).set(asUser(OWNER));
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      /Docker host "local" is unavailable/,
    );
    expect(JSON.stringify(down.body)).not.toContain('ECONNREFUSED');

    const list = await request(server)
      .get('/entities/component/default/shop/containers')
      .set(asUser(READER));
    expect(list.body.hosts[0]).toMatchObject({
      name: 'local',
      status: 'unavailable',
      error: expect.stringMatching(/^Docker host "local" is unavailable/),
    });
  });

  it('streams a log as NDJSON events ending with end', async () => {
    const { server, host } = await app();
    const web = host.add({
      name: 'shop-web-1',
      labels: shopLabels,
      log: ['first', 'second'],
    });
    const res = await request(server)
      .get(`/entities/component/default/shop/containers/local/${web.id}/logs`)
      .set(asUser(READER));
    expect(res.status).toBe(200);
    const events = res.text
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l));
    expect(events.filter(e => 'line' in e).map(e => e.line)).toEqual([
      'first',
      'second',
    ]);
    expect(events[events.length - 1]).toMatchObject({ event: 'end' });
  });
});
