import request from 'supertest';
import { TEST_LABEL } from './__testUtils__/dockerFixtures';
import {
  expectNoLeak,
  noticedOutage,
  PING_AGAIN,
  useEngineFaultsWorld,
} from './__testUtils__/engineFaultsWorld';
import { eventually } from './__testUtils__/eventually';
import { expectReadable } from './__testUtils__/faultAnswers';
import { containerCalls } from './__testUtils__/recordingProxy';

// The container index serves lists while the engine answers its pings, and
// lets go of a frozen engine: lists then ask it, and say what happened.

const world = useEngineFaultsWorld({
  bridge: 'dsvcfidx',
  bridgeAddress: '172.31.241.1/24',
});

describe('the container index', () => {
  /** A list by the brisk backend, and the container calls the engine received meanwhile. */
  async function briskList() {
    const before = world.engine.apiCalls().length;
    const res = await world.list(world.brisk);
    return {
      res,
      calls: containerCalls(world.engine.apiCalls().slice(before)),
    };
  }
  const ownOf = (res: request.Response) =>
    res.body.hosts?.find((h: any) => h.name === 'own');
  /** Served by the live index: the own host ok with shop-1, and no container call. */
  const fromIndex = ({ res, calls }: Awaited<ReturnType<typeof briskList>>) =>
    calls.length === 0 &&
    ownOf(res)?.status === 'ok' &&
    ownOf(res).containers.some((c: any) => c.id === world.shop.id);

  it('serves lists while the engine answers its pings; frozen, lists ask the engine and say so; live again once it answers', async () => {
    // Live: no list reaches the engine (nothing changes on it, and neither
    // backend reconciles before an hour: their own calls would show too).
    await eventually(briskList, fromIndex);
    const lists = [];
    for (let i = 0; i < 5; i++) lists.push(await briskList());
    expect(lists.map(l => l.calls)).toEqual([[], [], [], [], []]);
    expect(lists.map(l => ownOf(l.res).status)).toEqual(Array(5).fill('ok'));
    // The engine's log does show a list when one reaches it.
    const before = world.engine.apiCalls().length;
    await world.engine.docker.listContainers({
      all: true,
      filters: { label: [`${TEST_LABEL}=${world.runId}`] },
    });
    expect(containerCalls(world.engine.apiCalls().slice(before))).toEqual([
      'GET /containers/json',
    ]);

    const mark = world.logMark('brisk');
    world.engine.stop();
    try {
      // Its events stream stays open; the missed ping is what tells.
      await noticedOutage(world, 'brisk');
      // Only a list that asked the frozen engine can say this.
      const { res } = await briskList();
      expect(ownOf(res)).toEqual({
        name: 'own',
        status: 'unavailable',
        error: expect.stringMatching(/did not answer in time/),
      });
      expectReadable(ownOf(res).error);
    } finally {
      world.engine.cont();
    }
    // Pings answer again, a reconcile runs, and the index serves again.
    const back = await eventually(briskList, fromIndex);
    expect(back.calls).toEqual([]);
    expect(ownOf(back.res)).toMatchObject({ status: 'ok' });
    expect(world.logged.brisk.slice(mark)).toContainEqual(
      expect.stringMatching(PING_AGAIN),
    );
    await expectNoLeak(world);
  });
});
