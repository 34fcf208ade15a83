import request from 'supertest';
import { useLifecycleWorld } from './__testUtils__/lifecycleWorld';
import { callsOutsideAllowList } from './__testUtils__/recordingProxy';
import {
  asUser,
  OTHER,
  OWNER,
  startPluginBackend,
} from './__testUtils__/testBackend';

// The action history in the plugin's own database, across backend restarts.
const w = useLifecycleWorld('history');

describe('history', () => {
  it('records every action, newest first, paginated, and survives a backend restart', async () => {
    const first = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const url = w.containerPath('shop', 'local', w.shop.id);
    await request(first.server)
      .post(`${url}/stop`)
      .set(asUser(OWNER))
      .expect(200);
    await request(first.server)
      .post(`${url}/start`)
      .set(asUser(OWNER))
      .expect(200);
    await request(first.server)
      .post(`${url}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'stuck' })
      .expect(200);
    await request(first.server)
      .post(`${url}/stop`)
      .set(asUser(OTHER))
      .expect(403);
    await first.stop();

    const second = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const page1 = await request(second.server)
      .get(`${w.base('shop')}/history?limit=2`)
      .set(asUser(OTHER));
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0]).toMatchObject({
      entityRef: 'component:default/shop',
      actor: OWNER,
      action: 'restart',
      host: 'local',
      containerId: w.shop.id,
      containerName: `${w.runId}-shop-1`,
      reason: 'stuck',
      outcome: 'succeeded',
      changed: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // A refused request never reached the action, so it is not history.
    expect(page1.body.items.map((i: any) => i.actor)).not.toContain(OTHER);
    expect(page1.body.items[0].id).toBeGreaterThan(page1.body.items[1].id);

    const page2 = await request(second.server)
      .get(`${w.base('shop')}/history?limit=2&before=${page1.body.nextBefore}`)
      .set(asUser(OTHER));
    expect(page2.status).toBe(200);
    expect(page1.body.items.map((i: any) => i.action)).toEqual([
      'restart',
      'start',
    ]);
    expect(page2.body.items.map((i: any) => i.action)).toEqual(['stop']);
    expect(page2.body.nextBefore).toBeUndefined();

    const otherHistory = await request(second.server)
      .get(`${w.base('other')}/history`)
      .set(asUser(OTHER));
    expect(otherHistory.body).toEqual({ items: [] });
    await second.stop();
  });
});

describe('the Engine API allow-list', () => {
  it('was kept by every call this suite made', () => {
    const calls = [...w.localProxy.calls, ...w.secondProxy.calls];
    expect(calls.length).toBeGreaterThan(10);
    expect(callsOutsideAllowList(calls)).toEqual([]);
  });
});
