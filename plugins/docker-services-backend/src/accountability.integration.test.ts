import request from 'supertest';
import { stateOf } from './__testUtils__/dockerFixtures';
import { useLifecycleWorld } from './__testUtils__/lifecycleWorld';
import {
  asUser,
  OWNER,
  RESTARTER,
  startPluginBackend,
} from './__testUtils__/testBackend';

// Every action is accounted for: a record before Docker is called, the
// permission that an action really needs, one action per container at a
// time however slow the engine. Real engines, real database.
const w = useLifecycleWorld('account');

describe('the history row', () => {
  it('is written before Docker is called; without it nothing is done', async () => {
    const backend = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const { server } = backend;
    const url = w.containerPath('shop', 'local', w.shop.id);
    const db = w.database();
    const calls = () =>
      w.localProxy.calls.filter(c =>
        c.startsWith(`POST /containers/${w.shop.id}/`),
      ).length;
    try {
      // A real fault of the database: the history table is gone.
      await db.schema.renameTable(
        'docker_services_history',
        'docker_services_history_away',
      );
      const before = calls();
      const refused = await request(server)
        .post(`${url}/stop`)
        .set(asUser(OWNER))
        .send({ reason: 'no record' });
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          /^Nothing was done to .*shop-1: the portal could not record the action in its history/,
        ),
      });
      expect(calls()).toBe(before);
      expect(await stateOf(w.shop)).toBe('running');
    } finally {
      await db.schema.renameTable(
        'docker_services_history_away',
        'docker_services_history',
      );
    }

    const done = await request(server)
      .post(`${url}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'with a record' });
    expect(done.status).toBe(200);
    const [row] = await db('docker_services_history')
      .where({ container_id: w.shop.id, reason: 'with a record' })
      .select('outcome', 'changed', 'finished_at');
    expect(row).toMatchObject({ outcome: 'succeeded' });
    expect(row.finished_at).toBeTruthy();
    await db.destroy();
    await backend.stop();
  });
});

describe('restart', () => {
  it('of a stopped container needs the start permission too', async () => {
    const backend = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const stopped = w.containerPath('shop', 'local', w.shopStopped.id);
    await w.shopStopped.stop().catch(() => {});

    const refused = await request(backend.server)
      .post(`${stopped}/restart`)
      .set(asUser(RESTARTER))
      .send({ reason: 'sneak a start' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /is stopped, so restarting it would start it; starting it needs the permission to start/,
    );
    expect(await stateOf(w.shopStopped)).not.toBe('running');
    const history = await request(backend.server)
      .get(`${w.base('shop')}/history?limit=1`)
      .set(asUser(OWNER));
    expect(history.body.items[0]).toMatchObject({
      actor: RESTARTER,
      action: 'restart',
      outcome: 'failed',
    });

    // A running container: restart is what the permission is for.
    const running = w.containerPath('shop', 'local', w.shop.id);
    const allowed = await request(backend.server)
      .post(`${running}/restart`)
      .set(asUser(RESTARTER));
    expect(allowed.status).toBe(200);
    // Start itself stays refused.
    const start = await request(backend.server)
      .post(`${stopped}/start`)
      .set(asUser(RESTARTER));
    expect(start.status).toBe(403);
    await backend.stop();
  });
});

describe('the lock between backend replicas', () => {
  it('holds while the engine answers later than its time to live', async () => {
    // A one-second lock; the engine's answer to stop comes 3.5 s late.
    const config = w.config({ actionLockSeconds: 1 });
    // One after the other: the first migrates the shared database.
    const a = await startPluginBackend({ entities: w.entities, config });
    const b = await startPluginBackend({ entities: w.entities, config });
    const url = w.containerPath('shop', 'local', w.shop.id);
    const stopCall = `POST /containers/${w.shop.id}/stop`;
    const startCall = `POST /containers/${w.shop.id}/start`;
    w.localProxy.delayResponsesTo(/\/stop$/, 3500);
    try {
      const slowStop = request(a.server).post(`${url}/stop`).set(asUser(OWNER));
      const stopSent = slowStop.then(r => r);
      // Replica b asks to start once a's stop has reached the engine and
      // the lock's time to live has passed.
      for (let i = 0; i < 100 && !w.localProxy.calls.includes(stopCall); i++) {
        await new Promise(r => setTimeout(r, 50));
      }
      await new Promise(r => setTimeout(r, 1500));
      const start = request(b.server).post(`${url}/start`).set(asUser(OWNER));
      const [stopped, started] = await Promise.all([stopSent, start]);
      expect(stopped.status).toBe(200);
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ changed: true });
      // b reached the engine only after a's answer came back.
      const timeline = w.localProxy.timeline;
      expect(timeline.lastIndexOf(`response ${stopCall}`)).toBeLessThan(
        timeline.lastIndexOf(`request ${startCall}`),
      );
    } finally {
      w.localProxy.delayResponsesTo(undefined);
    }
    expect(await stateOf(w.shop)).toBe('running');
    await Promise.all([a.stop(), b.stop()]);
  });
});

describe('a configured socket host', () => {
  it('ignores DOCKER_HOST and friends in the environment', async () => {
    const saved = { ...process.env };
    // Nothing answers there; a socket host that read it would fail.
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:9';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = '/nonexistent';
    process.env.DOCKER_CLIENT_TIMEOUT = '1';
    try {
      const backend = await startPluginBackend({
        entities: w.entities,
        config: w.config({
          hosts: [{ name: 'local', socketPath: '/var/run/docker.sock' }],
        }),
      });
      const list = await request(backend.server)
        .get(`${w.base('shop')}/containers`)
        .set(asUser(OWNER));
      expect(list.status).toBe(200);
      expect(list.body.hosts[0]).toMatchObject({ name: 'local', status: 'ok' });
      expect(list.body.hosts[0].containers.map((c: any) => c.id)).toContain(
        w.shop.id,
      );
      await backend.stop();
    } finally {
      for (const key of Object.keys(process.env)) {
        if (!(key in saved)) delete process.env[key];
      }
      Object.assign(process.env, saved);
    }
  });
});
