import request from 'supertest';
import {
  asUser,
  READER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// The batched status route in the unit tier: the real router and services
// over a fake engine. Visibility against a real catalog policy and engine
// is in status.integration.test.ts.
const app = useRouterApp();
const STATUS = '/entities/status';

describe('POST /entities/status over a fake engine', () => {
  it('counts what the single route lists, in the order asked; a missing entity is left out', async () => {
    const { server, host } = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({ name: 'shop-web-2', labels: shopLabels, state: 'exited' });

    const res = await request(server)
      .post(STATUS)
      .set(asUser(READER))
      .send({
        entityRefs: [
          'component:default/missing',
          'group:default/team-a',
          'component:shop',
          'component:default/claimer',
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        entityRef: 'group:default/team-a',
        level: 'none',
        services: [],
        unavailableHosts: [],
        problem: expect.stringMatching(/neither a .* nor a .* annotation/),
      },
      {
        entityRef: 'component:shop',
        level: 'degraded',
        containers: {
          level: 'degraded',
          total: 2,
          running: 1,
          healthy: 0,
          unhealthy: 0,
          healthStarting: 0,
          restarting: 0,
          conflicts: 0,
        },
        services: [],
        unavailableHosts: [],
      },
      {
        entityRef: 'component:default/claimer',
        level: 'none',
        services: [],
        unavailableHosts: [],
      },
    ]);
  });

  it('says in words what is wrong with the request, before reading anything', async () => {
    const { server, host } = await app();
    const cases: Array<[unknown, RegExp]> = [
      [{}, /entity refs to look at are required/],
      [{ entityRefs: [] }, /at least one entity ref/],
      [
        { entityRefs: 'component:default/shop' },
        /must be a list of entity refs/,
      ],
      [
        {
          entityRefs: Array.from(
            { length: 101 },
            (_, i) => `component:default/c${i}`,
          ),
        },
        /at most 100 entities per request/,
      ],
      [
        { entityRefs: ['shop'] },
        /Not an entity ref: "shop"\. Write each as kind:namespace\/name/,
      ],
      [{ entityRefs: ['component:default/a b'] }, /Not an entity ref/],
      [{ entityRefs: ['component:default/shop'], extra: 1 }, /unknown field/],
    ];
    for (const [body, message] of cases) {
      const res = await request(server)
        .post(STATUS)
        .set(asUser(READER))
        .send(body as object);
      expect([res.status, res.body.error?.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
    }
    const notJson = await request(server)
      .post(STATUS)
      .set(asUser(READER))
      .set('Content-Type', 'text/plain')
      .send('component:default/shop');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/must be JSON/);
    const broken = await request(server)
      .post(STATUS)
      .set(asUser(READER))
      .set('Content-Type', 'application/json')
      .send('{"entityRefs": [');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/must be JSON, such as/);
    expect(host.calls).toEqual([]);
  });

  it('takes 100 refs of the longest kind, namespace and name, over the 16 KB other bodies may be', async () => {
    const { server } = await app();
    const longest = (i: number) =>
      `K${'k'.repeat(62)}:${'n'.repeat(63)}/${String(i).padStart(63, 'e')}`;
    const entityRefs = Array.from({ length: 100 }, (_, i) => longest(i));
    expect(JSON.stringify({ entityRefs }).length).toBeGreaterThan(16 * 1024);
    const res = await request(server)
      .post(STATUS)
      .set(asUser(READER))
      .send({ entityRefs });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});
