import request from 'supertest';
import { asUser, OWNER, READER, useRouterApp } from './__testUtils__/routerApp';

// The Swarm routes in the unit tier, over a fake engine that is no Swarm
// manager. The real Swarm is in swarm/*.integration.test.ts.
const app = useRouterApp();
const SERVICE = 'abcdefghijklmnopqrstuvwxy';
const base = '/entities/component/default/shop/services';

describe('the Swarm routes over a fake engine', () => {
  it('leave out hosts that are not Swarm managers', async () => {
    const { server } = await app();
    const res = await request(server).get(base).set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/shop',
      hosts: [],
    });
  });

  it('answer 404 for a service on a host that is no manager', async () => {
    const { server, host } = await app();
    const res = await request(server)
      .post(`${base}/local/${SERVICE}/restart`)
      .set(asUser(OWNER));
    expect(res.status).toBe(404);
    expect(host.calls).toEqual([]);
  });

  it('refuse malformed input before anything else, in words', async () => {
    const { server } = await app();
    const cases: Array<[string, object, RegExp]> = [
      [
        `${base}/local/abc/scale`,
        { replicas: 2 },
        /full 25-character Swarm service id/,
      ],
      [`${base}/local/${SERVICE}/scale`, {}, /replicas is required/],
      [`${base}/local/${SERVICE}/scale`, { replicas: 1.5 }, /whole number/],
      [
        `${base}/local/${SERVICE}/scale`,
        { replicas: -1 },
        /cannot be negative/,
      ],
      [
        `${base}/local/${SERVICE}/scale`,
        { replicas: 2, force: true },
        /unknown field\(s\) force/,
      ],
      [`${base}/local/${SERVICE}/restart`, { replicas: 2 }, /unknown field/],
    ];
    for (const [url, body, message] of cases) {
      const res = await request(server).post(url).set(asUser(OWNER)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('refuse scaling to readers (403) before looking for the service', async () => {
    const { server } = await app();
    const res = await request(server)
      .post(`${base}/local/${SERVICE}/scale`)
      .set(asUser(READER))
      .send({ replicas: 2 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/scale the Swarm services/);
  });
});
