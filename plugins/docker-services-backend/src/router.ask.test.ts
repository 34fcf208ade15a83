import request from 'supertest';
import {
  asUser,
  READER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// Asking the owners in the unit tier (a fake engine; notifications sent
// nowhere): the page learns from the backend when an asker may ask again,
// rather than from a copy of its default interval (here 600 s).
const app = useRouterApp();
const base = '/entities/component/default/shop';

describe('asking the owners, and when one may ask again', () => {
  it('says when the asker may ask again, in the answer and on the ask in the history', async () => {
    const { server, host } = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    const before = Date.now();
    const asked = await request(server)
      .post(`${base}/containers/local/${web.id}/ask-owners`)
      .set(asUser(READER))
      .send({ action: 'restart', reason: 'it hangs' });
    expect(asked.status).toBe(200);
    const again = Date.parse(asked.body.askAgainAt);
    expect(again).toBeGreaterThanOrEqual(before + 600_000);
    expect(again).toBeLessThanOrEqual(Date.now() + 600_000);

    const history = await request(server)
      .get(`${base}/history`)
      .set(asUser(READER));
    const [ask] = history.body.items;
    expect(ask).toMatchObject({ outcome: 'asked', action: 'restart' });
    expect(Date.parse(ask.askAgainAt) - Date.parse(ask.createdAt)).toBe(
      600_000,
    );

    // Before then, the backend refuses another, in words.
    const refused = await request(server)
      .post(`${base}/containers/local/${web.id}/ask-owners`)
      .set(asUser(READER))
      .send({ action: 'restart', reason: 'still hangs' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(
      /you can ask again in 10 minutes/,
    );
  });
});
