import request from 'supertest';
import { useLifecycleWorld } from './__testUtils__/lifecycleWorld';
import { callsOutsideAllowList } from './__testUtils__/recordingProxy';
import {
  asUser,
  OTHER,
  OWNER,
  startPluginBackend,
} from './__testUtils__/testBackend';

// Details, stats and several hosts, one of them stopped, against real engines.
const w = useLifecycleWorld('hosts');

describe('container details', () => {
  it("returns the container's summary and health log, never raw inspect data", async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const res = await request(server)
      .get(w.containerPath('shop', 'local', w.shop.id))
      .set(asUser(OTHER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: w.shop.id,
      host: 'local',
      name: `${w.runId}-shop-1`,
      state: 'running',
      healthLog: [],
    });
    expect(res.body).not.toHaveProperty('Config');
    expect(res.body).not.toHaveProperty('env');
  });
});

describe('container stats', () => {
  it('samples a running container, and explains why a stopped one has none', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const res = await request(server)
      .get(`${w.containerPath('shop', 'local', w.shop.id)}/stats`)
      .set(asUser(OTHER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cpuPercent: expect.any(Number),
      memory: { usedBytes: expect.any(Number), limitBytes: expect.any(Number) },
      network: { rxBytes: expect.any(Number), txBytes: expect.any(Number) },
      sampledAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(res.body.memory.limitBytes).toBeGreaterThan(0);
    expect(res.body.memory.usedBytes).toBeGreaterThan(0);

    await w.shopStopped.stop().catch(() => {});
    const stopped = await request(server)
      .get(`${w.containerPath('shop', 'local', w.shopStopped.id)}/stats`)
      .set(asUser(OTHER));
    expect(stopped.status).toBe(409);
    expect(stopped.body.error.message).toBe(
      `${w.runId}-shop-2 is not running, so it uses no CPU or memory to show.`,
    );
  });
});

describe('two hosts', () => {
  it('acts on the second engine and lists both', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const res = await request(server)
      .post(`${w.containerPath('remote', 'second', w.remote.id)}/restart`)
      .set(asUser(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.container).toMatchObject({
      host: 'second',
      state: 'running',
    });

    const list = await request(server)
      .get(`${w.base('remote')}/containers`)
      .set(asUser(OTHER));
    expect(list.body.hosts).toEqual([
      expect.objectContaining({
        name: 'second',
        status: 'ok',
        containers: [expect.objectContaining({ id: w.remote.id })],
      }),
    ]);
  });

  it('keeps answering for one host while the other engine is stopped', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      // The deadline under test.
      config: w.config({ requestTimeoutMs: 1500 }),
    });
    process.kill(w.engine2.pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const list = await request(server)
        .get(`${w.base('shop')}/containers`)
        .set(asUser(OTHER));
      const elapsed = Date.now() - started;
      expect(list.status).toBe(200);
      expect(list.body.hosts).toEqual([
        expect.objectContaining({ name: 'local', status: 'ok' }),
        {
          name: 'second',
          status: 'unavailable',
          error:
            'Docker host "second" is unavailable: it did not answer in time. It may be overloaded or unreachable.',
        },
      ]);
      expect(list.body.hosts[0].containers.length).toBe(2);
      // Bounded by the configured deadline (1.5 s), not by the stopped engine.
      expect(elapsed).toBeLessThan(5000);

      const action = await request(server)
        .post(`${w.containerPath('remote', 'second', w.remote.id)}/stop`)
        .set(asUser(OWNER));
      expect(action.status).toBe(503);
      expect(action.body.error.name).toBe('ServiceUnavailableError');
      expect(action.body.error.message).toMatch(
        /Docker host "second" is unavailable/,
      );
    } finally {
      process.kill(w.engine2.pid, 'SIGCONT');
    }
  });
});

describe('the Engine API allow-list', () => {
  it('was kept by every call this suite made', () => {
    const calls = [...w.localProxy.calls, ...w.secondProxy.calls];
    expect(calls.length).toBeGreaterThan(10);
    expect(callsOutsideAllowList(calls)).toEqual([]);
  });
});
