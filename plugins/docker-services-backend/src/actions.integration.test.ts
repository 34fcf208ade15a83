import request from 'supertest';
import { useLifecycleWorld } from './__testUtils__/lifecycleWorld';
import {
  callsOutsideAllowList,
  containerCalls,
} from './__testUtils__/recordingProxy';
import {
  ADMIN,
  asService,
  asUser,
  OTHER,
  OWNER,
  startPluginBackend,
  unauthenticated,
} from './__testUtils__/testBackend';
import { stateOf } from './__testUtils__/dockerFixtures';

// Start, stop and restart through the real backend wiring, a real database
// and two real engines, every Engine API call recorded.
const w = useLifecycleWorld('actions');

describe('container actions', () => {
  it('lets the owner stop, start and restart, and says when nothing changed', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const url = w.containerPath('shop', 'local', w.shop.id);

    const stop = await request(server)
      .post(`${url}/stop`)
      .set(asUser(OWNER))
      .send({ reason: 'deploy window' });
    expect(stop.status).toBe(200);
    expect(stop.body).toMatchObject({
      action: 'stop',
      changed: true,
      container: { id: w.shop.id, state: 'exited' },
      message: `${w.runId}-shop-1 was stopped.`,
    });
    expect(await stateOf(w.shop)).toBe('exited');

    const stopAgain = await request(server)
      .post(`${url}/stop`)
      .set(asUser(OWNER));
    expect(stopAgain.status).toBe(200);
    expect(stopAgain.body).toMatchObject({
      changed: false,
      message: expect.stringMatching(/already stopped/),
    });

    const start = await request(server)
      .post(`${url}/start`)
      .set(asUser(OWNER))
      .send({});
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      changed: true,
      container: { state: 'running' },
    });
    expect(await stateOf(w.shop)).toBe('running');

    const startAgain = await request(server)
      .post(`${url}/start`)
      .set(asUser(OWNER));
    expect(startAgain.body.changed).toBe(false);

    const startedAt = (await w.shop.inspect()).State.StartedAt;
    const restart = await request(server)
      .post(`${url}/restart`)
      .set(asUser(ADMIN));
    expect(restart.status).toBe(200);
    expect(restart.body).toMatchObject({
      changed: true,
      container: { state: 'running' },
    });
    expect((await w.shop.inspect()).State.StartedAt).not.toBe(startedAt);
  });

  it('refuses non-owners, service principals and anonymous callers before touching Docker', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      // Without the index, every engine call is one a request made.
      config: w.config({ index: { enabled: false } }),
    });
    const url = `${w.containerPath('shop', 'local', w.shop.id)}/stop`;
    // Backends of earlier tests still index this engine in the background;
    // what matters is that nothing reached this container.
    const touching = () =>
      containerCalls(w.localProxy.calls).filter(c => c.includes(w.shop.id))
        .length;
    const callsBefore = touching();

    const nonOwner = await request(server).post(url).set(asUser(OTHER));
    expect(nonOwner.status).toBe(403);
    expect(nonOwner.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: `You are not allowed to stop the containers of component:default/shop`,
    });
    const service = await request(server).post(url).set(asService());
    expect(service.status).toBe(403);
    const anonymous = await request(server).post(url).set(unauthenticated());
    expect(anonymous.status).toBe(401);

    expect(touching()).toBe(callsBefore);
    expect(await stateOf(w.shop)).toBe('running');
  });

  it("answers another entity's container exactly like a random id", async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const randomId = 'f'.repeat(64);
    const foreign = await request(server)
      .post(`${w.containerPath('shop', 'local', w.other.id)}/stop`)
      .set(asUser(OWNER));
    const random = await request(server)
      .post(`${w.containerPath('shop', 'local', randomId)}/stop`)
      .set(asUser(OWNER));

    expect(foreign.status).toBe(404);
    expect(random.status).toBe(404);
    const shape = (body: any, id: string) => ({
      name: body.error.name,
      message: body.error.message.replace(id.slice(0, 12), '<id>'),
    });
    expect(shape(foreign.body, w.other.id)).toEqual(
      shape(random.body, randomId),
    );
    expect(await stateOf(w.other)).toBe('running');

    // A configured host the entity does not use answers the same way.
    const wrongHost = await request(server)
      .post(`${w.containerPath('remote', 'local', w.shop.id)}/stop`)
      .set(asUser(OWNER));
    expect(wrongHost.status).toBe(404);
    expect(wrongHost.body.error.name).toBe('NotFoundError');
  });

  it('serializes 100 simultaneous starts into one start reaching Docker', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      config: w.config(),
    });
    const url = `${w.containerPath('shop', 'local', w.shopStopped.id)}/start`;
    const countStarts = () =>
      w.localProxy.calls.filter(
        c => c === `POST /containers/${w.shopStopped.id}/start`,
      ).length;
    const before = countStarts();

    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        request(server).post(url).set(asUser(OWNER)),
      ),
    );

    expect(responses.map(r => r.status)).toEqual(Array(100).fill(200));
    expect(countStarts() - before).toBe(1);
    expect(responses.filter(r => r.body.changed === true)).toHaveLength(1);
    expect(await stateOf(w.shopStopped)).toBe('running');
  });

  it('serializes across two backend replicas sharing the database', async () => {
    const [a, b] = await Promise.all([
      startPluginBackend({ entities: w.entities, config: w.config() }),
      startPluginBackend({ entities: w.entities, config: w.config() }),
    ]);
    await w.shopStopped.stop().catch(() => {});
    const url = `${w.containerPath('shop', 'local', w.shopStopped.id)}/start`;
    const countStarts = () =>
      w.localProxy.calls.filter(
        c => c === `POST /containers/${w.shopStopped.id}/start`,
      ).length;
    const before = countStarts();

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(i % 2 ? a.server : b.server)
          .post(url)
          .set(asUser(OWNER)),
      ),
    );

    expect(responses.map(r => r.status)).toEqual(Array(40).fill(200));
    expect(countStarts() - before).toBe(1);
    expect(responses.filter(r => r.body.changed === true)).toHaveLength(1);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('refuses to act when the permission framework is off, unless configured to', async () => {
    const off = await startPluginBackend({
      entities: w.entities,
      config: { ...w.config(), permission: { enabled: false } },
    });
    const url = `${w.containerPath('shop', 'local', w.shop.id)}/restart`;
    const refused = await request(off.server).post(url).set(asUser(OWNER));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/permission framework is off/);
    await off.stop();

    const optedOut = await startPluginBackend({
      entities: w.entities,
      config: {
        ...w.config({ allowActionsWithoutPermissionFramework: true }),
        permission: { enabled: false },
      },
    });
    const allowed = await request(optedOut.server).post(url).set(asUser(OWNER));
    expect(allowed.status).toBe(200);
    await optedOut.stop();
  });

  it('reports a client timeout as state unknown and re-reads the container', async () => {
    const { server } = await startPluginBackend({
      entities: w.entities,
      // The deadline under test: the held answer outlives it.
      config: w.config({ requestTimeoutMs: 1500 }),
    });
    const url = w.containerPath('shop', 'local', w.shop.id);
    w.localProxy.holdResponsesTo(/^POST \/containers\/[0-9a-f]+\/stop$/);
    try {
      const res = await request(server).post(`${url}/stop`).set(asUser(OWNER));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        action: 'stop',
        stateUnknown: true,
        message: expect.stringMatching(
          /did not confirm in time .* its state is being refreshed/,
        ),
        // The engine did stop it; the re-read says so.
        container: { id: w.shop.id, state: 'exited' },
      });
    } finally {
      w.localProxy.holdResponsesTo(undefined);
    }
    const history = await request(server)
      .get(`${w.base('shop')}/history?limit=1`)
      .set(asUser(OWNER));
    expect(history.body.items[0]).toMatchObject({
      action: 'stop',
      outcome: 'unknown',
    });
    // Back to running for the next test (not under test: straight to Docker).
    await w.shop.start();
  });
});

describe('the Engine API allow-list', () => {
  it('was kept by every call this suite made', () => {
    const calls = [...w.localProxy.calls, ...w.secondProxy.calls];
    expect(calls.length).toBeGreaterThan(10);
    expect(callsOutsideAllowList(calls)).toEqual([]);
  });
});
