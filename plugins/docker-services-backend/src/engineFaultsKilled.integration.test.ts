import request from 'supertest';
import {
  expectListRecovers,
  expectNoLeak,
  noticedOutage,
  useEngineFaultsWorld,
} from './__testUtils__/engineFaultsWorld';
import { eventually } from './__testUtils__/eventually';
import {
  expectReadable,
  INTERNALS,
  UNAVAILABLE,
} from './__testUtils__/faultAnswers';
import { asUser, OWNER } from './__testUtils__/testBackend';

// The engine's dockerd is killed while a list or an action is under way:
// every request ends with a sentence, nothing leaks, and once the engine is
// back the list recovers.

const world = useEngineFaultsWorld({
  bridge: 'dsvcfkill',
  bridgeAddress: '172.31.242.1/24',
  slow: true,
});

describe('a Docker engine killed', () => {
  it('mid-list: the list ends with the host unavailable and a sentence, then recovers', async () => {
    world.engine.stop();
    // The index has let go: this list goes to the (frozen) engine.
    await noticedOutage(world, 'patient');
    const before = world.engineConnections();
    const pending = world.list(world.patient).then(res => res);
    // The request has reached the frozen engine's socket (or is on its way).
    await eventually(
      () => world.engineConnections(),
      n => n > before,
      5000,
    );
    await world.engine.kill();
    const res = await pending;
    expect(res.status).toBe(200);
    const [own, local] = res.body.hosts;
    expect(own).toMatchObject({ name: 'own', status: 'unavailable' });
    expectReadable(own.error);
    // The other host is not affected.
    expect(local).toMatchObject({ name: 'local', status: 'ok' });

    // While it is down, the list still answers at once, with a sentence.
    const down = await world.list(world.patient);
    expect(down.status).toBe(200);
    expect(down.body.hosts[0]).toMatchObject({
      name: 'own',
      status: 'unavailable',
      error: expect.stringMatching(/no Docker engine is running/),
    });

    await world.engine.restart();
    if (process.env.DOCKER_SERVICES_TEST_REPORT) {
      // eslint-disable-next-line no-console
      console.log(`own engine restarted in ${world.engine.lastStartMs} ms`);
    }
    await expectListRecovers(world, world.patient);
    await expectNoLeak(world);
  });

  it('mid-action, frozen then killed: the action ends with 503 and a sentence', async () => {
    world.engine.stop();
    const before = world.engineConnections();
    const pending = request(world.patient)
      .post(`${world.base}/containers/own/${world.shop.id}/restart`)
      .set(asUser(OWNER))
      .send({ reason: 'engine fault test' })
      .then(res => res);
    await eventually(
      () => world.engineConnections(),
      n => n > before,
      5000,
    );
    await world.engine.kill();
    const res = await pending;
    expect(res.status).toBe(503);
    expectReadable(res.body.error.message);

    await world.engine.restart();
    await expectListRecovers(world, world.patient);
    await expectNoLeak(world);
  });

  it('while Docker is stopping the container: the action ends with a sentence, never hangs', async () => {
    const { slow } = world;
    await slow.start().catch(() => undefined);
    const stopping = await world.engineEvent(slow, 'kill');
    const pending = request(world.patient)
      .post(`${world.base}/containers/own/${slow.id}/stop`)
      .set(asUser(OWNER))
      .then(res => res);
    // Docker has sent the stop signal and waits for the stop timeout (20 s).
    await stopping.seen;
    stopping.close();
    await world.engine.kill();
    const res = await pending;
    // Either refused with a sentence, or accepted with the state unknown.
    const refused = {
      status: 503,
      body: expect.objectContaining({
        error: expect.objectContaining({ message: UNAVAILABLE }),
      }),
    };
    const unknown = {
      status: 202,
      body: expect.objectContaining({
        action: 'stop',
        stateUnknown: true,
        message: expect.stringMatching(/state is being refreshed/),
      }),
    };
    expect({ status: res.status, body: res.body }).toEqual(
      res.status === 202 ? unknown : refused,
    );
    expect(res.body.error?.message ?? res.body.message).not.toMatch(INTERNALS);

    await world.engine.restart();
    await expectListRecovers(world, world.patient);
    // The history says what happened to the attempt, in words.
    const history = await request(world.patient)
      .get(`${world.base}/history`)
      .set(asUser(OWNER));
    expect(history.status).toBe(200);
    const [latest] = history.body.items;
    expect(latest).toMatchObject({
      action: 'stop',
      containerId: slow.id,
      outcome: res.status === 503 ? 'failed' : 'unknown',
    });
    await expectNoLeak(world);
  });
});
